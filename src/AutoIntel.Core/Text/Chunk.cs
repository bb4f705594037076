namespace AutoIntel.Core.Text;

/// <summary>A token-bounded slice of a transcript, the unit analyses fan out over.</summary>
/// <param name="Index">Zero-based position in the transcript.</param>
/// <param name="Text">The chunk text.</param>
/// <param name="TokenCount">Exact tokens of <paramref name="Text"/> with <see cref="TokenCounter.Default"/>.</param>
/// <param name="Start">Timestamp of the first segment, when the transcript is timed.</param>
public sealed record Chunk(int Index, string Text, int TokenCount, TimeSpan? Start = null);
