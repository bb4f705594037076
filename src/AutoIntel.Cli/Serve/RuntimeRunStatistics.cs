using AutoIntel.Core.Runs;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Quality;
using AutoIntel.Workflows.Runtime;

namespace AutoIntel.Cli.Serve;

/// <summary>Run statistics read from the local runtime's histories: runs by status, stage durations, cache hits, LLM calls and cost.</summary>
/// <remarks>
/// Stage timings come from a finished run's <see cref="RunResult"/>, or from the <see cref="RunProgress"/> custom status while it runs,
/// so a stage is counted once per run. Usage is only known when a run completes. Every call re-reads the histories: fine for one machine.
/// </remarks>
public sealed class RuntimeRunStatistics(LocalWorkflowRuntime runtime, RunReportBuilder? reports = null) : IRunStatistics
{
    /// <inheritdoc/>
    public async Task<RunStatisticsSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<InstanceStatus> runs = await runtime.ListAsync(cancellationToken);
        var byStatus = new Dictionary<string, long>(StringComparer.Ordinal);
        var stages = new Dictionary<string, (long Count, double Ms)>(StringComparer.Ordinal);
        Usage usage = Usage.None;
        foreach (InstanceStatus run in runs)
        {
            string status = run.RuntimeStatus.ToString().ToLowerInvariant();
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;

            RunResult? result = RunStatusReader.Result(run);
            IReadOnlyList<StageTiming> timings = result?.Stages ?? RunStatusReader.Progress(run)?.CompletedStages ?? [];
            foreach (StageTiming stage in timings)
            {
                (long count, double ms) = stages.GetValueOrDefault(stage.Name);
                stages[stage.Name] = (count + 1, ms + stage.DurationMs);
            }

            if (result?.Cost is { } cost)
            {
                usage += cost;
            }
        }

        var quality = reports is null ? null : (await reports.BuildAsync(DateTime.MinValue, DateTime.MaxValue, cancellationToken)).Quality;
        return new RunStatisticsSnapshot(
            byStatus,
            [.. stages.Select(s => new StageDurationStats(s.Key, s.Value.Count, s.Value.Ms))],
            usage.CacheHits,
            usage.LlmCalls,
            usage.Usd,
            usage.UsdSaved,
            quality);
    }
}
