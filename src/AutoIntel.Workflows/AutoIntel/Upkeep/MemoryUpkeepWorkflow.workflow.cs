using AutoIntel.Memory;
using AutoIntel.Memory.Upkeep;
using AutoIntel.Workflows.Abstractions;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.AutoIntel.Upkeep;

/// <summary>The upkeep schedule's state between executions: when the next pass is due, and the interval it was planned with.</summary>
public sealed record MemoryUpkeepInput(DateTime NextPassUtc, TimeSpan Interval);

/// <summary>Eternal orchestration: sleep on a durable timer, run one memory upkeep pass (retention, then compaction), continue as new.</summary>
/// <remarks>
/// Durable, so a pass missed while the host was down runs when it is back, on both hosts; continue-as-new keeps each execution's
/// history to one timer and one activity. The next pass is planned from the interval the activity read from configuration, so
/// a changed <c>Memory:UpkeepInterval</c> applies after one pass. The schedule ends when the store cannot be upkept or the
/// interval is turned off; starting it again is the hosts' job (<see cref="EnsureStartedAsync"/>).
/// </remarks>
public sealed class MemoryUpkeepWorkflow : IWorkflow<MemoryUpkeepInput, UpkeepPass?>
{
    /// <inheritdoc/>
    public async Task<UpkeepPass?> RunAsync(IWorkflowContext context, MemoryUpkeepInput input)
    {
        await context.CreateTimer(input.NextPassUtc);
        UpkeepPass? pass = null;
        try
        {
            pass = await context.CallActivityAsync<UpkeepPass>(UpkeepNames.RunMemoryUpkeep, new RunMemoryUpkeepInput(input.NextPassUtc), Retries.Local);
        }
        catch (ActivityFailedException e)
        {
            // One failed pass (a locked or broken store) must not end the schedule: the next one tries again.
            context.CreateReplaySafeLogger(nameof(MemoryUpkeepWorkflow)).LogWarning("Memory upkeep due {Due:u} failed: {Reason}", input.NextPassUtc, e.Message);
        }

        if (pass?.Skipped is not null)
        {
            return pass;
        }

        TimeSpan interval = pass?.Interval ?? input.Interval;
        context.ContinueAsNew(new MemoryUpkeepInput(context.CurrentUtcDateTime + interval, interval));
        return pass;
    }

    /// <summary>Starts the schedule unless it runs already (fixed instance id), its first pass one interval from now; nothing when
    /// <paramref name="upkeep"/> cannot run on this store or <c>Memory:UpkeepInterval</c> is 0. Both hosts call this.</summary>
    public static async Task<StartResult?> EnsureStartedAsync(IWorkflowClient client, MemoryUpkeep upkeep, MemoryOptions options, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        upkeep.CannotRunBecause is null && options.UpkeepInterval > TimeSpan.Zero
            ? await client.StartAsync(UpkeepNames.MemoryUpkeep, new MemoryUpkeepInput(nowUtc + options.UpkeepInterval, options.UpkeepInterval), UpkeepNames.MemoryUpkeepInstanceId, cancellationToken)
            : null;
}
