using AutoIntel.Core.Text;

namespace AutoIntel.Intelligence.Routing;

/// <summary>A validated catalog entry as the router sees it.</summary>
/// <param name="Id">Catalog id.</param>
/// <param name="Provider">Provider key.</param>
/// <param name="Deployment">Model or deployment name sent on the wire.</param>
/// <param name="Family">Cache family.</param>
public sealed record CatalogModel(
    string Id,
    string Provider,
    string Deployment,
    string Family,
    decimal InputPer1K,
    decimal OutputPer1K,
    int ContextWindow,
    double TypicalLatencyMs,
    IReadOnlySet<string> Capabilities,
    IReadOnlyDictionary<string, double> Quality,
    double DefaultQuality)
{
    /// <summary>The quality prior for a task type.</summary>
    public double QualityFor(string task) => Quality.TryGetValue(task, out var q) ? q : DefaultQuality;

    /// <summary>Whether the model has a capability.</summary>
    public bool Has(string capability) => Capabilities.Contains(capability);

    /// <summary>The token counter of the model's family, by catalog id, else by deployment name (Azure deployments may have any name).</summary>
    public TokenCounter Counter() => TokenCounter.ForModel(TokenCounter.IsKnownFamily(Id) ? Id : Deployment);

    /// <summary>Price of a call with the given token counts.</summary>
    public decimal Cost(long inputTokens, long outputTokens) => (inputTokens * InputPer1K + outputTokens * OutputPer1K) / 1000m;
}
