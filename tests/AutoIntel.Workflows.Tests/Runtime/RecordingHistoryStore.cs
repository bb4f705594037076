using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Tests.Runtime;

/// <summary>Wraps a store and lets a test await the moment an event is durably appended (no polling, no sleeping).</summary>
internal sealed class RecordingHistoryStore(IHistoryStore inner) : IHistoryStore
{
    private readonly object _gate = new();
    private readonly List<HistoryEvent> _appended = [];
    private readonly List<(Func<HistoryEvent, bool> Match, TaskCompletionSource Done)> _waiters = [];
    private int _reads;
    private int _failNextReplace;

    /// <summary>Makes the next <see cref="IHistoryLog.ReplaceAsync"/> throw before writing, as if the process died there.</summary>
    public void FailNextReplace() => Interlocked.Exchange(ref _failNextReplace, 1);

    /// <summary>Completes once an appended event matches (including events appended before the call).</summary>
    public Task WhenAppendedAsync(Func<HistoryEvent, bool> match)
    {
        lock (_gate)
        {
            if (_appended.Any(match))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.Within();
        }
    }

    public async Task<IHistoryLog> OpenAsync(string instanceId, CancellationToken cancellationToken) =>
        new Log(this, await inner.OpenAsync(instanceId, cancellationToken));

    /// <summary>How many times a history was read (status reads of running instances should not read it).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public Task<IReadOnlyList<HistoryEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return inner.ReadAsync(instanceId, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task<bool> IsHeldAsync(string instanceId, CancellationToken cancellationToken) => inner.IsHeldAsync(instanceId, cancellationToken);

    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken) => inner.DeleteAsync(instanceId, cancellationToken);

    private void Appended(IReadOnlyList<HistoryEvent> events)
    {
        lock (_gate)
        {
            _appended.AddRange(events);
            foreach (var waiter in _waiters.Where(w => events.Any(w.Match)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    private sealed class Log(RecordingHistoryStore owner, IHistoryLog log) : IHistoryLog
    {
        public string InstanceId => log.InstanceId;

        public IReadOnlyList<HistoryEvent> Events => log.Events;

        public async Task AppendAsync(IReadOnlyList<HistoryEvent> events, bool flushToDisk, CancellationToken cancellationToken)
        {
            await log.AppendAsync(events, flushToDisk, cancellationToken);
            owner.Appended(events);
        }

        public async Task ReplaceAsync(IReadOnlyList<HistoryEvent> events, bool flushToDisk, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref owner._failNextReplace, 0) == 1)
            {
                throw new IOException("simulated crash before the new generation replaced the history");
            }

            await log.ReplaceAsync(events, flushToDisk, cancellationToken);
            owner.Appended(events);
        }

        public ValueTask DisposeAsync() => log.DisposeAsync();
    }
}
