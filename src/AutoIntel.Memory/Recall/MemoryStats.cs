namespace AutoIntel.Memory.Recall;

/// <summary>How much one tenant's memory holds.</summary>
/// <param name="Collection">The vector collection (named after the embedder).</param>
/// <param name="Runs">Runs remembered (one document fingerprint each).</param>
/// <param name="DecidedClaims">Claims with a verdict other than Unverified (the ones fact-checks reuse).</param>
/// <param name="Entities">Knowledge-graph nodes; <paramref name="Links"/> its co-occurrence edges.</param>
/// <param name="RetentionDays">Retention applied to this tenant by upkeep (0: forever).</param>
public sealed record MemoryStats(string Tenant, string Collection, long Runs, long Passages, long Claims, long DecidedClaims, int Entities, int Links, int RetentionDays);
