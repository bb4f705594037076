namespace AutoIntel.Memory.Vectors;

/// <summary>A search result: the record's id, its cosine similarity to the query, and its payload.</summary>
/// <param name="Score">Cosine similarity, -1 … 1 (higher is closer).</param>
public sealed record VectorHit(string Id, double Score, IReadOnlyDictionary<string, string> Payload);
