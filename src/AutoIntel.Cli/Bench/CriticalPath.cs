using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Cli.Bench;

/// <summary>Estimates the critical path of a finished run: the longest chain of activities that had to wait for each other.</summary>
/// <remarks>
/// An orchestration schedules new work only when a completion is delivered to it, so the activity whose completion came last
/// before another was scheduled is taken as that one's predecessor. The chain's length is the sum of the activities' own
/// durations (scheduled → completed, with a worker pool wide enough that nothing queues); whatever the wall time adds on
/// top is the runtime's overhead.
/// </remarks>
public static class CriticalPath
{
    /// <summary>Length of the longest dependent chain.</summary>
    public static TimeSpan Estimate(IReadOnlyList<ActivityStatus> activities)
    {
        var done = activities.Where(a => a.CompletedAtUtc is not null).OrderBy(a => a.CompletedAtUtc).ThenBy(a => a.TaskId).ToList();
        var byScheduled = activities.OrderBy(a => a.ScheduledAtUtc).ThenBy(a => a.TaskId);
        var chain = new Dictionary<int, TimeSpan>();
        var longest = TimeSpan.Zero;
        foreach (var a in byScheduled)
        {
            if (a.CompletedAtUtc is not { } completed)
            {
                continue;
            }

            var predecessor = LastCompletedBefore(done, a.ScheduledAtUtc, a.TaskId);
            var before = predecessor is not null && chain.TryGetValue(predecessor.TaskId, out var p) ? p : TimeSpan.Zero;
            var total = before + (completed - a.ScheduledAtUtc);
            chain[a.TaskId] = total;
            longest = total > longest ? total : longest;
        }

        return longest;
    }

    private static ActivityStatus? LastCompletedBefore(List<ActivityStatus> done, DateTime scheduledAt, int taskId)
    {
        ActivityStatus? last = null;
        foreach (var d in done)
        {
            if (d.CompletedAtUtc > scheduledAt)
            {
                break;
            }

            if (d.TaskId != taskId && d.TaskId < taskId)
            {
                last = d;
            }
        }

        return last;
    }
}
