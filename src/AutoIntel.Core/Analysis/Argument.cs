namespace AutoIntel.Core.Analysis;

/// <summary>A conclusion the speaker argues for and the premises offered for it.</summary>
/// <param name="Speaker">Who argues it, when the transcript labels its speakers; null otherwise.</param>
public sealed record Argument(string Conclusion, IReadOnlyList<string> Premises, string Quote, int ChunkIndex, double Strength, string? Speaker = null);
