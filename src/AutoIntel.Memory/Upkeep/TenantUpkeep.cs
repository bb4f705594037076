namespace AutoIntel.Memory.Upkeep;

/// <summary>What upkeep did to one tenant's memory.</summary>
/// <param name="PassagesBefore">Passages held before the pass.</param>
/// <param name="ExpiredRemoved">Records (passages, verdicts, fingerprints) older than the tenant's retention, removed.</param>
/// <param name="RunsForgotten">Runs with no record left, taken out of the knowledge graph.</param>
/// <param name="DuplicatesRemoved">Passages removed as near-duplicates of older ones.</param>
/// <param name="Compared">Exact cosine comparisons the LSH candidates needed.</param>
public sealed record TenantUpkeep(string Tenant, int PassagesBefore, int ExpiredRemoved, int RunsForgotten, int DuplicatesRemoved, long Compared);
