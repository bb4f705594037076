namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>How often something happened (a failure reason, a degraded section).</summary>
public sealed record Tally(string Name, int Count);
