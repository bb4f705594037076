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
    public Dictionary<string, double> QualityFloors { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["summary"] = 0.92,
        ["tone"] = 0.88,
        ["perspective"] = 0.90,
        ["entities"] = 0.88,
        ["argument_analysis"] = 0.92,
        ["fallacies"] = 0.92,
        ["claim_extraction"] = 0.92,
        ["claim_verification"] = 0.96,
        ["briefing"] = 0.94,
    };

    /// <summary>Floor for tasks not listed in <see cref="QualityFloors"/>.</summary>
    public double DefaultQualityFloor { get; set; } = 0.9;

    /// <summary>Thompson sampling on (true) or posterior means only (false).</summary>
    public bool Explore { get; set; } = true;

    /// <summary>Pseudo-observations behind each quality prior: higher means slower learning.</summary>
    public double PriorStrength { get; set; } = 20;

    /// <summary>How many models a call may fall back through after the winner fails.</summary>
    public int MaxFallbacks { get; set; } = 2;

    /// <summary>Seed for the sampler (tests and benchmarks); null seeds from the clock.</summary>
    public int? Seed { get; set; }
}
