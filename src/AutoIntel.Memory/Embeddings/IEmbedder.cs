namespace AutoIntel.Memory.Embeddings;

/// <summary>Turns texts into fixed-length vectors whose cosine similarity tracks similarity of meaning.</summary>
public interface IEmbedder
{
    /// <summary>A stable name for the model; vectors from different names never share a collection.</summary>
    string Name { get; }

    /// <summary>Length of every vector this embedder returns.</summary>
    int Dimensions { get; }

    /// <summary>Embeds a batch of texts, one L2-normalised vector per text, in input order.</summary>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
