namespace AutoIntel.Core.FactCheck;

/// <summary>A checkable statement found in the content.</summary>
/// <param name="Id">Stable id derived from the normalised text (same claim, same id).</param>
/// <param name="CheckWorthiness">0 … 1: how checkable and consequential the claim is.</param>
/// <param name="Speaker">Who made the claim, when the transcript labels its speakers; null otherwise.</param>
public sealed record Claim(string Id, string Text, int ChunkIndex, double CheckWorthiness, string? Speaker = null);
