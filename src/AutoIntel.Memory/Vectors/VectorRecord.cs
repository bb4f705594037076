namespace AutoIntel.Memory.Vectors;

/// <summary>One vector with its id and payload (string key/value pairs that searches can filter on).</summary>
/// <param name="Id">Unique within the collection; upserting the same id replaces the record.</param>
/// <param name="Vector">The embedding; stores normalise it, so only its direction matters.</param>
/// <param name="Payload">Metadata such as <c>tenant</c>, <c>kind</c>, <c>run</c> and <c>text</c>.</param>
public sealed record VectorRecord(string Id, float[] Vector, IReadOnlyDictionary<string, string> Payload);
