namespace AutoIntel.Memory.Vectors;

/// <summary>A vector store that can list its records with their vectors, which memory upkeep (compaction, retention) needs.</summary>
/// <remarks><see cref="EmbeddedVectorStore"/> implements it; a store without it (Qdrant today) is skipped by upkeep, which says so.</remarks>
public interface IVectorScan
{
    /// <summary>A snapshot of every record matching the filter (all when null), vectors L2-normalised; empty for an unknown collection.</summary>
    Task<IReadOnlyList<VectorRecord>> ScanAsync(string collection, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default);
}
