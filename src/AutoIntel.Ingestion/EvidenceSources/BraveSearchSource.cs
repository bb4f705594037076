using System.Globalization;
using AutoIntel.Core.FactCheck;

namespace AutoIntel.Ingestion.EvidenceSources;

/// <summary>Brave Search API web search (<c>GET /res/v1/web/search?q=</c>, <c>X-Subscription-Token</c>): the top pages about the claim.</summary>
public sealed class BraveSearchSource(EvidenceHttp http, BraveOptions options, int maxResults) : IEvidenceSource
{
    /// <summary>The <see cref="Evidence.Source"/> of its items.</summary>
    public const string SourceName = "brave";

    /// <inheritdoc/>
    public string Name => SourceName;

    /// <inheritdoc/>
    public decimal CostPerQueryUsd => options.CostPerQueryUsd;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Evidence>> SearchAsync(EvidenceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = QueryString.Append(options.Endpoint, ("q", query.ClaimText), ("count", maxResults.ToString(CultureInfo.InvariantCulture)));
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["X-Subscription-Token"] = options.ApiKey! };
        using var json = await http.GetJsonAsync(Name, url, headers, cancellationToken);

        // No web results at all leaves out the "web" object.
        return [.. json.RootElement.Child("web").Items("results")
            .Select(r => (Result: r, Link: JsonFields.Link(r.Text("url"))))
            .Where(r => r.Link is not null)
            .Take(maxResults)
            .Select(r => new Evidence(Name, JsonFields.Clip(JsonFields.PlainText(r.Result.Text("description") ?? string.Empty)), 0, r.Link)
            {
                Title = r.Result.Text("title") is { } title ? JsonFields.PlainText(title) : null,
                Publisher = r.Result.Child("profile").Text("name") ?? JsonFields.HostOf(r.Link),
                Date = r.Result.Text("page_age") ?? r.Result.Text("age"),
            })];
    }
}
