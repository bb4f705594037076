namespace AutoIntel.Memory.Upkeep;

/// <summary>What one upkeep pass did.</summary>
/// <param name="Skipped">Why nothing was done (a vector store that cannot list its records), or null.</param>
public sealed record UpkeepReport(IReadOnlyList<TenantUpkeep> Tenants, TimeSpan Elapsed, string? Skipped = null)
{
    /// <summary>Near-duplicate passages removed, over all tenants.</summary>
    public int DuplicatesRemoved => Tenants.Sum(t => t.DuplicatesRemoved);

    /// <summary>Records removed by retention, over all tenants.</summary>
    public int ExpiredRemoved => Tenants.Sum(t => t.ExpiredRemoved);
}
