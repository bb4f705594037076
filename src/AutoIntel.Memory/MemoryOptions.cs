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

    /// <summary>Qdrant connection (<c>Memory:Qdrant</c>); when its Url is set, vectors live in Qdrant instead of <c>{RootPath}/vectors</c>.</summary>
    public QdrantOptions Qdrant { get; set; } = new();
}
