using System.Globalization;
using System.Text;

namespace AutoIntel.Intelligence.Gateway;

/// <summary>An analytics snapshot for <c>autointel models stats</c>: decisions, cost, latency, fallbacks and cache savings.</summary>
/// <param name="OfflineFallbacks">Calls answered by the offline analyzers (budget exhausted or no usable model).</param>
/// <param name="BudgetDegradations">Calls where a budget cap removed at least one model from the decision.</param>
public sealed record GatewayStats(IReadOnlyList<ModelStats> Models, CacheStats Cache, long OfflineFallbacks, long BudgetDegradations)
{
    /// <summary>Dollars spent on model calls.</summary>
    public decimal TotalUsd => Models.Sum(m => m.Usd);

    /// <summary>A plain-text table for the CLI.</summary>
    public string ToText()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("model                      decisions   calls  failed  invalid  fallbacks       cost   mean ms");
        foreach (var m in Models)
        {
            sb.AppendLine(string.Create(inv, $"{m.Model,-26} {m.Decisions,9} {m.Calls,7} {m.Failures,7} {m.InvalidOutputs,8} {m.FallbacksFrom,10} {m.Usd,10:0.0000} {m.MeanLatencyMs,9:0}"));
        }

        var c = Cache;
        sb.AppendLine(string.Create(inv, $"total cost ${TotalUsd:0.0000}; offline fallbacks {OfflineFallbacks}; budget degradations {BudgetDegradations}"));
        sb.AppendLine(string.Create(inv, $"cache hit rate {c.HitRate:P1} (memory {c.RateOf(c.MemoryHits):P1}, persisted {c.RateOf(c.PersistedHits):P1}, semantic {c.RateOf(c.SemanticHits):P1}); {c.Misses} misses; {c.SharedInFlight} shared in flight"));
        sb.Append(string.Create(inv, $"cache saved {c.BytesSaved:N0} bytes, ${c.UsdSaved:0.0000}, {c.SecondsSaved:0.0} s"));
        return sb.ToString();
    }
}
