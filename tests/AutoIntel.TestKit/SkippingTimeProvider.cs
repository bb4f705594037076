using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.TestKit;

/// <summary>A <see cref="FakeTimeProvider"/> whose timers fire at once and move its clock forward by their due time, so waits cost nothing but are still recorded.</summary>
public sealed class SkippingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>Every wait requested through a timer, in order.</summary>
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // The callback runs on the thread pool, never inside CreateTimer: callers such as Task.Delay store the timer after creating it.
        ITimer timer = base.CreateTimer(s => ThreadPool.QueueUserWorkItem(_ => callback(s)), state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);
            Advance(dueTime);
        }

        return timer;
    }
}
