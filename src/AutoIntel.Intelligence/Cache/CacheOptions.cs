namespace AutoIntel.Intelligence.Cache;

/// <summary>Response cache tiers, adaptive TTLs, compression and byte budget.</summary>
public sealed class CacheOptions
{
    /// <summary>Turns the whole cache off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Turns the semantic (embedding similarity) tier off.</summary>
    public bool SemanticEnabled { get; set; } = true;

    /// <summary>Minimum cosine similarity for a semantic hit.</summary>
    public double SemanticThreshold { get; set; } = 0.95;

    /// <summary>Tasks that never use the semantic tier; null means <c>claim_verification</c> (one negating word can flip a verdict).</summary>
    public List<string>? SemanticExcludedTasks { get; set; }

    /// <summary>TTL of entries read at least <see cref="FrequentHits"/> times.</summary>
    public TimeSpan FrequentTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>TTL of entries read at least <see cref="ModerateHits"/> times.</summary>
    public TimeSpan ModerateTtl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>TTL of entries read less often.</summary>
    public TimeSpan RareTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Hits that make an entry frequent.</summary>
    public int FrequentHits { get; set; } = 5;

    /// <summary>Hits that make an entry moderate.</summary>
    public int ModerateHits { get; set; } = 2;

    /// <summary>Payloads larger than this are stored compressed.</summary>
    public int CompressAboveBytes { get; set; } = 1024;

    /// <summary>Byte budget of the in-memory tier.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Writes entries through to the artifact store (when one is registered).</summary>
    public bool Persist { get; set; } = true;
}
