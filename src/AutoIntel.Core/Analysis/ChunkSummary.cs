namespace AutoIntel.Core.Analysis;

/// <summary>The map step of summarisation: the key sentences of one chunk, ranked.</summary>
public sealed record ChunkSummary(int ChunkIndex, IReadOnlyList<string> KeyPoints);
