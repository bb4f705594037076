using AutoIntel.Core.Runs;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Delivery;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Times the stages of one run, publishes <see cref="RunProgress"/> as custom status, and mirrors it to the channel.</summary>
/// <remarks>Lives inside the orchestration, so it uses only the context's deterministic clock.</remarks>
internal sealed class RunTracker(IWorkflowContext context, int stageCount, RunTelemetry telemetry)
{
    private readonly List<(int Order, StageTiming Timing)> _completed = [];
    private readonly List<string> _active = [];
    private readonly ILogger _log = context.CreateReplaySafeLogger<RunTracker>();
    private int _started;

    /// <summary>Where progress is mirrored once stage 1 has prepared delivery.</summary>
    public DeliveryHandle? Delivery { get; set; }

    /// <summary>Stages completed so far, in the order they started (concurrent stages may finish in either order).</summary>
    public IReadOnlyList<StageTiming> Completed => [.. _completed.OrderBy(c => c.Order).Select(c => c.Timing)];

    /// <summary>Runs one stage: publishes progress, counts its activities, records its duration.</summary>
    public async Task<T> StageAsync<T>(string name, string detail, Func<IWorkflowContext, Task<T>> body)
    {
        var startedAt = context.CurrentUtcDateTime;
        var order = _started++;
        _active.Add(name);
        await PublishAsync(detail);

        var scope = new CountingWorkflowContext(context, telemetry.StageTraceParent(name));
        T result;
        try
        {
            result = await body(scope);
        }
        catch (Exception ex) when (ex is not NonDeterminismException)
        {
            telemetry.StageEnded(name, startedAt, scope.ActivityCount, ex);
            throw;
        }

        telemetry.StageEnded(name, startedAt, scope.ActivityCount);

        _active.Remove(name);
        var timing = new StageTiming(name, (context.CurrentUtcDateTime - startedAt).TotalMilliseconds, scope.ActivityCount);
        _completed.Add((order, timing));
        _log.LogInformation("Stage {Stage} of {RunId} done in {DurationMs} ms ({Activities} activities)", name, context.InstanceId, timing.DurationMs, timing.Activities);
        return result;
    }

    /// <summary>Marks the run finished in the custom status.</summary>
    public void Done() => context.SetCustomStatus(Progress("done", "briefing ready"));

    private async Task PublishAsync(string detail)
    {
        var progress = Progress(string.Join(" + ", _active), detail);
        context.SetCustomStatus(progress);
        if (Delivery is null)
        {
            return;
        }

        try
        {
            await context.CallActivityAsync<bool>(ActivityNames.ReportProgress, TracedActivityInput.Wrap(new ReportProgressInput(Delivery, progress), telemetry.Trace.TraceParent), Retries.Deliver);
        }
        catch (ActivityFailedException ex)
        {
            // A progress edit that fails must not fail the analysis; the final briefing still posts.
            _log.LogWarning("Progress update for {RunId} failed: {Error}", context.InstanceId, ex.Failure.Message);
        }
    }

    private RunProgress Progress(string stage, string detail) =>
        new(stage, Math.Min(_started, stageCount), stageCount, detail, context.CurrentUtcDateTime, Completed);
}
