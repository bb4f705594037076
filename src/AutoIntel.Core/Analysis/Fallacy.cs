namespace AutoIntel.Core.Analysis;

/// <summary>A suspected reasoning fallacy with the words that show it.</summary>
/// <param name="Type">Fallacy name in snake_case (e.g. <c>ad_hominem</c>, <c>slippery_slope</c>).</param>
/// <param name="Speaker">Who said the quote, when the transcript labels its speakers; null otherwise.</param>
public sealed record Fallacy(string Type, string Quote, string Explanation, double Confidence, int ChunkIndex, string? Speaker = null);
