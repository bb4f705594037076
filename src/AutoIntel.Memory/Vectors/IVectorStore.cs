namespace AutoIntel.Memory.Vectors;

/// <summary>Named collections of vectors with payloads, searched by cosine similarity: <see cref="EmbeddedVectorStore"/> in-process, <see cref="Qdrant.QdrantVectorStore"/> over Qdrant's gRPC API (Qdrant.Client).</summary>
/// <remarks>
/// A collection is created by its first upsert and holds vectors of one length. Filters are exact matches on payload keys,
/// all of which must match. Implementations are thread-safe.
/// </remarks>
public interface IVectorStore
{
    /// <summary>Inserts or replaces (by id) a batch of records, atomically as far as readers and recovery are concerned.</summary>
    Task UpsertAsync(string collection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="topK"/> records most similar to <paramref name="query"/> that match the filter, best first.</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, float[] query, int topK, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes records by id; returns how many existed.</summary>
    Task<int> DeleteAsync(string collection, IReadOnlyList<string> ids, CancellationToken cancellationToken = default);

    /// <summary>How many records the collection holds that match the filter (all when it is null).</summary>
    Task<long> CountAsync(string collection, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default);
}
