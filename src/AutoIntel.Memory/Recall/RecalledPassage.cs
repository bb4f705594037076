namespace AutoIntel.Memory.Recall;

/// <summary>A remembered passage.</summary>
/// <param name="Snippet">The sentences of the passage that best match the query (≤ 320 characters).</param>
/// <param name="Speaker">Who speaks where the snippet starts, when the transcript labelled speakers.</param>
/// <param name="RunId">The run that stored it; its briefing is that run's briefing.</param>
/// <param name="Score">Cosine similarity to the query.</param>
/// <param name="StoredAt">When it was stored (ISO 8601, UTC).</param>
public sealed record RecalledPassage(string Snippet, string Source, string? Speaker, string RunId, double Score, string? StoredAt);
