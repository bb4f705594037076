using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.TestKit;

/// <summary>A <see cref="FakeTimeProvider"/> that also reports each timer created, so a test can advance exactly when the code is waiting.</summary>
public sealed class SignalingTimeProvider(DateTimeOffset? start = null) : FakeTimeProvider(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (at most 30 s of real time) for the next timer to be created and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync() => await _created.Reader.ReadAsync().AsTask().WaitAsync(WaitLimit);

    /// <summary>Waits for the next timer, then moves the clock by its due time so it fires.</summary>
    public async Task<TimeSpan> FireNextTimerAsync()
    {
        TimeSpan due = await NextTimerAsync();
        Advance(due);
        return due;
    }
}
