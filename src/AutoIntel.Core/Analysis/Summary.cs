namespace AutoIntel.Core.Analysis;

/// <summary>The reduce step: an overall summary and its key points.</summary>
public sealed record Summary(string Text, IReadOnlyList<string> KeyPoints);
