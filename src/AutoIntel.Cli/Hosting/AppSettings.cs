namespace AutoIntel.Cli.Hosting;

/// <summary>What a CLI invocation asks of the composition root.</summary>
/// <param name="DataDir">Absolute data folder.</param>
/// <param name="Overrides">Configuration values set by command-line options (e.g. <c>Fetch:AllowedHosts</c>).</param>
/// <param name="Sequential">Run activities one at a time (for comparison with the parallel run).</param>
/// <param name="SimulatedLatency">When set, analyzers wait like real LLM calls with these latencies.</param>
/// <param name="MaxConcurrentActivities">Worker pool size when not sequential.</param>
public sealed record AppSettings(
    string DataDir,
    IReadOnlyDictionary<string, string?>? Overrides = null,
    bool Sequential = false,
    AutoIntel.Intelligence.Simulation.SimulatedLatencyOptions? SimulatedLatency = null,
    int MaxConcurrentActivities = 32);
