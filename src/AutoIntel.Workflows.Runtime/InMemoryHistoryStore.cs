using System.Collections.Concurrent;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Runtime;

/// <summary>Keeps histories in memory (tests, benchmarks); same locking rules as the file store.</summary>
public sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<IHistoryLog> OpenAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(instanceId, _ => new Entry());
        lock (entry)
        {
            if (entry.Locked)
            {
                throw InstanceLockedException.For(instanceId);
            }

            entry.Locked = true;
            _entries[instanceId] = entry;
            return Task.FromResult<IHistoryLog>(new MemoryLog(instanceId, entry, [.. entry.Events]));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(instanceId, out var entry))
        {
            return Task.FromResult<IReadOnlyList<HistoryEvent>>([]);
        }

        lock (entry)
        {
            return Task.FromResult<IReadOnlyList<HistoryEvent>>([.. entry.Events]);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_entries.Where(e => HasEvents(e.Value)).Select(e => e.Key).Order(StringComparer.Ordinal).ToList());

    /// <inheritdoc/>
    public Task<bool> IsHeldAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(instanceId, out var entry))
        {
            return Task.FromResult(false);
        }

        lock (entry)
        {
            return Task.FromResult(entry.Locked);
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(instanceId, out var entry))
        {
            return Task.FromResult(false);
        }

        lock (entry)
        {
            if (entry.Locked)
            {
                throw InstanceLockedException.For(instanceId);
            }

            return Task.FromResult(_entries.TryRemove(instanceId, out _) && entry.Events.Count > 0);
        }
    }

    private static bool HasEvents(Entry entry)
    {
        lock (entry)
        {
            return entry.Events.Count > 0;
        }
    }

    private sealed class Entry
    {
        public List<HistoryEvent> Events { get; } = [];

        public bool Locked { get; set; }
    }

    private sealed class MemoryLog(string instanceId, Entry entry, List<HistoryEvent> loaded) : IHistoryLog
    {
        private bool _disposed;

        public string InstanceId => instanceId;

        public IReadOnlyList<HistoryEvent> Events => loaded;

        public Task AppendAsync(IReadOnlyList<HistoryEvent> events, bool flushToDisk, CancellationToken cancellationToken)
        {
            lock (entry)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                for (var i = 0; i < events.Count; i++)
                {
                    entry.Events.Add(events[i]);
                }
            }

            return Task.CompletedTask;
        }

        public Task ReplaceAsync(IReadOnlyList<HistoryEvent> events, bool flushToDisk, CancellationToken cancellationToken)
        {
            lock (entry)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                entry.Events.Clear();
                entry.Events.AddRange(events);
            }

            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            lock (entry)
            {
                _disposed = true;
                entry.Locked = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
