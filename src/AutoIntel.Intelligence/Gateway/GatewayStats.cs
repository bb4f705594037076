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

    /// <summary>Adds up snapshots (of several processes): counts and dollars sum, mean latencies are weighted by calls.</summary>
    public static GatewayStats Merge(IReadOnlyList<GatewayStats> all)
    {
        var models = all.SelectMany(s => s.Models)
            .GroupBy(m => m.Model, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var calls = g.Sum(m => m.Calls);
                var meanMs = calls == 0 ? 0 : g.Sum(m => m.MeanLatencyMs * m.Calls) / calls;
                return new ModelStats(g.Key, g.Sum(m => m.Decisions), calls, g.Sum(m => m.Failures), g.Sum(m => m.InvalidOutputs), g.Sum(m => m.FallbacksFrom), g.Sum(m => m.Usd), meanMs);
            })
            .ToList();
        var caches = all.Select(s => s.Cache).ToList();
        var cache = new CacheStats(
            caches.Sum(c => c.MemoryHits),
            caches.Sum(c => c.PersistedHits),
            caches.Sum(c => c.SemanticHits),
            caches.Sum(c => c.Misses),
            caches.Sum(c => c.SharedInFlight),
            caches.Sum(c => c.BytesSaved),
            caches.Sum(c => c.UsdSaved),
            caches.Sum(c => c.SecondsSaved));
        return new GatewayStats(models, cache, all.Sum(s => s.OfflineFallbacks), all.Sum(s => s.BudgetDegradations));
    }

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
