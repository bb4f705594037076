namespace AutoIntel.Intelligence.Cache;

/// <summary>A validated answer to store.</summary>
/// <param name="BaseKey">Key of the normalized request without model family (see <see cref="CacheKeys"/>).</param>
/// <param name="Partition">Semantic partition (tenant, task, template).</param>
/// <param name="Vector">Semantic embedding of the prompt, or null to skip the semantic tier.</param>
public sealed record CacheWrite(
    string BaseKey,
    string Tenant,
    string Partition,
    string Family,
    string Model,
    string Payload,
    decimal CostUsd,
    double LatencyMs,
    float[]? Vector);
