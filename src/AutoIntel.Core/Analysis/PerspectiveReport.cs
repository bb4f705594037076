namespace AutoIntel.Core.Analysis;

/// <summary>Whose view the content takes and how one-sided it is.</summary>
/// <param name="Balance">0 one-sided … 1 balanced.</param>
public sealed record PerspectiveReport(int ChunkIndex, string Stance, double Balance, IReadOnlyList<string> BiasCues, IReadOnlyList<string> MissingViewpoints);
