namespace AutoIntel.Cli.Serve;

/// <summary>How often a stage completed and how long it took in total.</summary>
public sealed record StageDurationStats(string Stage, long Count, double TotalMilliseconds);
