namespace AutoIntel.Core.Text;

/// <summary>A token-bounded slice of a transcript, the unit analyses fan out over.</summary>
/// <param name="Index">Zero-based position in the transcript.</param>
/// <param name="Text">The chunk text.</param>
/// <param name="TokenCount">Exact tokens of <paramref name="Text"/> with <see cref="TokenCounter.Default"/>.</param>
/// <param name="Start">Timestamp of the first segment, when the transcript is timed.</param>
/// <param name="SpeakerAtStart">Who is speaking where the chunk begins (its text opens mid-turn, without a label); null when unknown.</param>
/// <param name="Speakers">Everyone who speaks in the chunk, in order of appearance; each turn in the text opens with "Name: ". Null when the transcript has no speakers.</param>
public sealed record Chunk(int Index, string Text, int TokenCount, TimeSpan? Start = null, string? SpeakerAtStart = null, IReadOnlyList<string>? Speakers = null);
