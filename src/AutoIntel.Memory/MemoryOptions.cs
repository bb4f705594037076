using System.ComponentModel.DataAnnotations;
using AutoIntel.Memory.Vectors.Qdrant;

namespace AutoIntel.Memory;

/// <summary>Settings of the community memory, bound from the <c>Memory</c> configuration section.</summary>
public sealed class MemoryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Memory";

    /// <summary>Folder for vector logs (<c>vectors/</c>); defaults to the data dir given at registration. Knowledge graphs live in the
    /// artifact store; any left in <c>graph/</c> by earlier versions are merged into it on first use and renamed <c>.json.migrated</c>.</summary>
    public string RootPath { get; set; } = string.Empty;

    /// <summary>Minimum document similarity for an earlier run to count as a near-duplicate.</summary>
    [Range(0.0, 1.0)]
    public double DuplicateThreshold { get; set; } = 0.92;

    /// <summary>Minimum similarity for a stored claim (with a different id) to count as the same claim.</summary>
    [Range(0.0, 1.0)]
    public double ClaimMatchThreshold { get; set; } = 0.90;

    /// <summary>How many remembered passages to return as evidence for a claim.</summary>
    [Range(0, 50)]
    public int RelatedPassages { get; set; } = 3;

    /// <summary>Passages less similar than this to the claim are not offered as evidence.</summary>
    [Range(-1.0, 1.0)]
    public double PassageMinSimilarity { get; set; } = 0.15;

    /// <summary>Texts per embedding call and per vector upsert.</summary>
    [Range(1, 4096)]
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>Days each guild's memory is kept (by the time a record was stored); 0 keeps it forever. Applied by memory upkeep.</summary>
    [Range(0, 36500)]
    public int RetentionDays { get; set; }

    /// <summary>Per-guild overrides of <see cref="RetentionDays"/> (<c>Memory:GuildRetentionDays:&lt;guild id&gt;</c>).</summary>
    public Dictionary<string, int> GuildRetentionDays { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Passages at least this cosine-similar to an older passage of the same guild are dropped by compaction.</summary>
    [Range(0.5, 1.0)]
    public double CompactionThreshold { get; set; } = 0.92;

    /// <summary>How often <c>autointel serve</c> runs memory upkeep (compaction and retention); zero turns the timer off.</summary>
    public TimeSpan UpkeepInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The retention that applies to <paramref name="tenant"/> in days (0: forever).</summary>
    public int RetentionDaysFor(string tenant) => GuildRetentionDays.TryGetValue(tenant, out int days) ? days : RetentionDays;

    /// <summary>Qdrant connection (<c>Memory:Qdrant</c>); when its Url is set, vectors live in Qdrant instead of <c>{RootPath}/vectors</c>.</summary>
    public QdrantOptions Qdrant { get; set; } = new();
}
