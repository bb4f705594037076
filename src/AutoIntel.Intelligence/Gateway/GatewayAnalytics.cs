using System.Collections.Concurrent;
using AutoIntel.Intelligence.Cache;

namespace AutoIntel.Intelligence.Gateway;

/// <summary>Thread-safe counters behind <see cref="GatewayStats"/>.</summary>
public sealed class GatewayAnalytics
{
    private readonly ConcurrentDictionary<string, Counters> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _cacheGate = new();
    private long _memoryHits, _persistedHits, _semanticHits, _misses, _shared, _bytesSaved, _offline, _degraded;
    private decimal _usdSaved;
    private double _secondsSaved;

    /// <summary>The router picked a model first.</summary>
    public void Decision(string model) => Interlocked.Increment(ref For(model).Decisions);

    /// <summary>A logical call finished (successfully or not).</summary>
    public void Call(string model, bool failed, bool invalid, decimal usd, double latencyMs)
    {
        var c = For(model);
        lock (c)
        {
            c.Calls++;
            c.Failures += failed ? 1 : 0;
            c.Invalid += invalid ? 1 : 0;
            c.Usd += usd;
            c.LatencyMsTotal += latencyMs;
        }
    }

    /// <summary>A call moved on from a model to the next in the chain.</summary>
    public void Fallback(string fromModel) => Interlocked.Increment(ref For(fromModel).FallbacksFrom);

    /// <summary>A cache lookup hit a tier.</summary>
    public void CacheHit(CachedResponse hit)
    {
        _ = hit.Tier switch
        {
            CacheTier.Memory => Interlocked.Increment(ref _memoryHits),
            CacheTier.Persisted => Interlocked.Increment(ref _persistedHits),
            _ => Interlocked.Increment(ref _semanticHits),
        };
        Interlocked.Add(ref _bytesSaved, System.Text.Encoding.UTF8.GetByteCount(hit.Payload));
        lock (_cacheGate)
        {
            _usdSaved += hit.CostUsd;
            _secondsSaved += hit.LatencyMs / 1000;
        }
    }

    /// <summary>A cache lookup missed every tier.</summary>
    public void CacheMiss() => Interlocked.Increment(ref _misses);

    /// <summary>A caller shared an identical call already in flight.</summary>
    public void SharedInFlight() => Interlocked.Increment(ref _shared);

    /// <summary>A call was answered offline.</summary>
    public void OfflineFallback() => Interlocked.Increment(ref _offline);

    /// <summary>A budget cap removed at least one model from a decision.</summary>
    public void BudgetDegradation() => Interlocked.Increment(ref _degraded);

    /// <summary>A consistent-enough copy of all counters.</summary>
    public GatewayStats Snapshot()
    {
        var models = _models.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var c = kv.Value;
            lock (c)
            {
                return new ModelStats(kv.Key, Interlocked.Read(ref c.Decisions), c.Calls, c.Failures, c.Invalid, Interlocked.Read(ref c.FallbacksFrom), c.Usd, c.Calls == 0 ? 0 : c.LatencyMsTotal / c.Calls);
            }
        }).ToList();
        decimal usdSaved;
        double secondsSaved;
        lock (_cacheGate)
        {
            usdSaved = _usdSaved;
            secondsSaved = _secondsSaved;
        }

        var cache = new CacheStats(
            Interlocked.Read(ref _memoryHits), Interlocked.Read(ref _persistedHits), Interlocked.Read(ref _semanticHits),
            Interlocked.Read(ref _misses), Interlocked.Read(ref _shared), Interlocked.Read(ref _bytesSaved), usdSaved, secondsSaved);
        return new GatewayStats(models, cache, Interlocked.Read(ref _offline), Interlocked.Read(ref _degraded));
    }

    private Counters For(string model) => _models.GetOrAdd(model, _ => new Counters());

    private sealed class Counters
    {
#pragma warning disable SA1401, CA1051 // Fields so Interlocked can update them in place.
        public long Decisions;
        public long FallbacksFrom;
#pragma warning restore SA1401, CA1051

        public long Calls { get; set; }

        public long Failures { get; set; }

        public long Invalid { get; set; }

        public decimal Usd { get; set; }

        public double LatencyMsTotal { get; set; }
    }
}
