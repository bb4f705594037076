namespace AutoIntel.Core.Analysis;

/// <summary>A conclusion the speaker argues for and the premises offered for it.</summary>
public sealed record Argument(string Conclusion, IReadOnlyList<string> Premises, string Quote, int ChunkIndex, double Strength);
