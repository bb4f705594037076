namespace AutoIntel.Intelligence.Routing;

/// <summary>How the router scores candidates and how much it explores.</summary>
public sealed class RoutingOptions
{
    /// <summary>Weight of the (log-scaled) cost score.</summary>
    public double CostWeight { get; set; } = 0.4;

    /// <summary>Weight of the latency score.</summary>
    public double LatencyWeight { get; set; } = 0.3;

    /// <summary>Weight of the (learned) quality score.</summary>
    public double QualityWeight { get; set; } = 0.3;

    /// <summary>Quality floor per task as a fraction of the best eligible model's prior; complexity shifts it.</summary>
    /// <remarks>
    /// The product target is "at least 95 % of the strongest model's quality", and the cost weight pushes winners down to the
    /// floor, so a floor under 0.95 lets the average fall short by design. Verification, where one wrong verdict misleads a
    /// whole channel, sits higher; a quick run (the user asked for cheap) lowers every floor by 0.04.
    /// </remarks>
    public Dictionary<string, double> QualityFloors { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["summary"] = 0.95,
        ["tone"] = 0.95,
        ["perspective"] = 0.95,
        ["entities"] = 0.95,
        ["argument_analysis"] = 0.95,
        ["fallacies"] = 0.95,
        ["claim_extraction"] = 0.95,
        ["claim_verification"] = 0.97,
        ["briefing"] = 0.95,
    };

    /// <summary>Floor for tasks not listed in <see cref="QualityFloors"/>.</summary>
    public double DefaultQualityFloor { get; set; } = 0.95;

    /// <summary>Thompson sampling on (true) or posterior means only (false).</summary>
    public bool Explore { get; set; } = true;

    /// <summary>Pseudo-observations behind each quality prior: higher means slower learning.</summary>
    public double PriorStrength { get; set; } = 20;

    /// <summary>How many models a call may fall back through after the winner fails.</summary>
    public int MaxFallbacks { get; set; } = 2;

    /// <summary>Seed for the sampler (tests and benchmarks); null seeds from the clock.</summary>
    public int? Seed { get; set; }
}
