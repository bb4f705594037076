namespace AutoIntel.Intelligence.Gateway;

/// <summary>Cache analytics since the process started.</summary>
/// <param name="SharedInFlight">Callers that shared an identical call already in flight (single-flight).</param>
/// <param name="BytesSaved">Response bytes served from cache instead of the network.</param>
public sealed record CacheStats(long MemoryHits, long PersistedHits, long SemanticHits, long Misses, long SharedInFlight, long BytesSaved, decimal UsdSaved, double SecondsSaved)
{
    /// <summary>Lookups that hit any tier.</summary>
    public long Hits => MemoryHits + PersistedHits + SemanticHits;

    /// <summary>Hits over lookups (0 with no lookups).</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    /// <summary>Hit rate of one tier over all lookups.</summary>
    public double RateOf(long tierHits) => Hits + Misses == 0 ? 0 : (double)tierHits / (Hits + Misses);
}
