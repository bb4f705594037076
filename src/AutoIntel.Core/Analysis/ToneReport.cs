namespace AutoIntel.Core.Analysis;

/// <summary>Tone of one chunk: an overall label and the cues behind it.</summary>
/// <param name="Label">e.g. <c>neutral</c>, <c>alarmist</c>, <c>persuasive</c>, <c>hostile</c>, <c>enthusiastic</c>.</param>
/// <param name="Sentiment">-1 (negative) … 1 (positive).</param>
public sealed record ToneReport(int ChunkIndex, string Label, double Sentiment, IReadOnlyList<ToneCue> Cues);

/// <summary>A phrase that signals a tone.</summary>
public sealed record ToneCue(string Kind, string Quote);
