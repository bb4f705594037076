namespace AutoIntel.Intelligence.Budgets;

/// <summary>Dollar caps; when one would be crossed the gateway degrades to cheaper models, then to offline analyzers.</summary>
public sealed class BudgetOptions
{
    /// <summary>Cap for one run in USD.</summary>
    public decimal PerRunUsd { get; set; } = 0.50m;

    /// <summary>Cap per tenant (Discord guild) per UTC day in USD.</summary>
    public decimal PerTenantDailyUsd { get; set; } = 5.00m;

    /// <summary>Cap for one call in USD.</summary>
    public decimal PerCallUsd { get; set; } = 0.10m;

    /// <summary>How stale other processes' tenant-day spend may be before it is re-read from the artifact store.</summary>
    public TimeSpan SharedSpendRefresh { get; set; } = TimeSpan.FromSeconds(5);
}
