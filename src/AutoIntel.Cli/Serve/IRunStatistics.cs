namespace AutoIntel.Cli.Serve;

/// <summary>Run figures for <c>GET /metrics</c>; the host supplies it from the durable runtime (optional: without it only request counts are exported).</summary>
public interface IRunStatistics
{
    /// <summary>A consistent snapshot of runs, stage durations, cache hits and LLM cost since the store began.</summary>
    Task<RunStatisticsSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);
}
