namespace AutoIntel.Intelligence.Cache;

/// <summary>Which cache tier answered.</summary>
public enum CacheTier
{
    /// <summary>Exact match in memory.</summary>
    Memory,

    /// <summary>Exact match in the artifact store.</summary>
    Persisted,

    /// <summary>Embedding similarity above the threshold.</summary>
    Semantic,
}
