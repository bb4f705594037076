using System.Threading.Channels;
using AutoIntel.TestKit;

namespace AutoIntel.Workflows.Tests.Runtime;

/// <summary>A <see cref="ManualTimeProvider"/> that also reports each timer created, so a test can advance exactly when the code is waiting.</summary>
internal sealed class SignalingTimeProvider : TimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public ManualTimeProvider Clock { get; } = new();

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Clock.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits for the next timer to be created and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync() => await _created.Reader.ReadAsync().AsTask().Within();

    /// <summary>Waits for the next timer, then moves the clock by its due time so it fires.</summary>
    public async Task<TimeSpan> FireNextTimerAsync()
    {
        var due = await NextTimerAsync();
        Clock.Advance(due);
        return due;
    }
}
