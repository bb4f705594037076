using System.Collections.Concurrent;

namespace AutoIntel.Intelligence.Budgets;

/// <summary>Tracks spend per run and per tenant per UTC day against the configured caps.</summary>
/// <remarks>Spend is held in process memory: one host (the CLI, local server, or one Functions instance) sees its own spend.</remarks>
public sealed class BudgetLedger
{
    private readonly BudgetOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, decimal> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, DateOnly Day), decimal> _tenantDays = new();

    public BudgetLedger(BudgetOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>What one call may still cost: the tightest of the per-call cap, the run's remainder and the tenant's remainder today.</summary>
    public decimal RemainingForCall(string runId, string tenant) =>
        Math.Max(0, Math.Min(_options.PerCallUsd, Math.Min(RemainingForRun(runId), RemainingForTenantToday(tenant))));

    /// <summary>What the run may still spend.</summary>
    public decimal RemainingForRun(string runId) => _options.PerRunUsd - _runs.GetValueOrDefault(runId);

    /// <summary>What the tenant may still spend today (UTC).</summary>
    public decimal RemainingForTenantToday(string tenant) => _options.PerTenantDailyUsd - SpentToday(tenant);

    /// <summary>What the tenant spent today (UTC).</summary>
    public decimal SpentToday(string tenant) => _tenantDays.GetValueOrDefault((tenant, Today()));

    /// <summary>What the run spent.</summary>
    public decimal SpentByRun(string runId) => _runs.GetValueOrDefault(runId);

    /// <summary>Records the actual cost of a call.</summary>
    public void Record(string runId, string tenant, decimal usd)
    {
        if (usd <= 0)
        {
            return;
        }

        _runs.AddOrUpdate(runId, usd, (_, v) => v + usd);
        _tenantDays.AddOrUpdate((tenant, Today()), usd, (_, v) => v + usd);
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
}
