namespace AutoIntel.Intelligence.Cache;

/// <summary>A validated model answer as the cache returns it, with what producing it cost.</summary>
/// <param name="Payload">The validated JSON the model returned.</param>
/// <param name="CostUsd">What the original call cost (saved on every hit).</param>
/// <param name="LatencyMs">How long the original call took (saved on every hit).</param>
/// <param name="Similarity">1 for exact hits; the cosine similarity for semantic hits.</param>
public sealed record CachedResponse(string Payload, string Model, string Family, decimal CostUsd, double LatencyMs, CacheTier Tier, double Similarity = 1);
