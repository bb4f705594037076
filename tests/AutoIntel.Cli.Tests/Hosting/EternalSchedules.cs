using AutoIntel.Cli.Hosting;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Cli.Tests.Hosting;

/// <summary>Driving an eternal schedule (weekly report, memory upkeep) on the local runtime and a fake clock.</summary>
internal static class EternalSchedules
{
    /// <summary>Fires the next timer at least <paramref name="atLeast"/> away and returns its wait: other clocks (HTTP timeouts,
    /// lease renewals) also create timers, and the schedule's is the only one that far away.</summary>
    public static async Task<TimeSpan> FireTimerAsync(SignalingTimeProvider time, TimeSpan atLeast)
    {
        while (true)
        {
            TimeSpan due = await time.NextTimerAsync();
            if (due >= atLeast)
            {
                time.Advance(due);
                return due;
            }
        }
    }

    /// <summary>Waits (bounded) until the schedule runs execution <paramref name="generation"/>: each pass ends in continue-as-new,
    /// which the runtime records after the pass's own effects (a post, a deletion) are visible.</summary>
    public static async Task<InstanceStatus> GenerationAsync(AutoIntelApp app, string instanceId, int generation)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            InstanceStatus status = (await app.Runtime.GetStatusAsync(instanceId, limit.Token))!;
            if (status.Generation >= generation || status.IsTerminal)
            {
                return status;
            }

            await Task.Delay(20, limit.Token);
        }
    }
}
