namespace AutoIntel.Core.Runs;

/// <summary>How long one stage of a run took and how many activities it ran.</summary>
public sealed record StageTiming(string Name, double DurationMs, int Activities);
