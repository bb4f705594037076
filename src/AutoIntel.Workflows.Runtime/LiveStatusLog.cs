using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Runtime;

/// <summary>An instance's history log that also folds every batch it appends into the instance's status.</summary>
/// <remarks>
/// Status reads of a running instance (the CLI polls several times a second) are answered from this fold: re-reading and
/// re-parsing the whole history each time held every activity result of the run in memory at once and cost a core on
/// large runs. The fold is updated after the batch is stored, so a status never shows what a crash could lose.
/// </remarks>
internal sealed class LiveStatusLog : IHistoryLog
{
    private readonly IHistoryLog _inner;
    private HistoryProjector _projector;
    private readonly Lock _gate = new();

    public LiveStatusLog(IHistoryLog inner, IReadOnlyList<HistoryEvent> stored)
    {
        _inner = inner;
        _projector = new HistoryProjector(inner.InstanceId);
        _projector.Apply(stored);
    }

    public string InstanceId => _inner.InstanceId;

    /// <summary>The store's log this one wraps (a successor generation wraps it anew).</summary>
    public IHistoryLog Inner => _inner;

    public IReadOnlyList<HistoryEvent> Events => _inner.Events;

    /// <summary>The instance's status as of the last stored batch.</summary>
    public InstanceStatus? Status()
    {
        lock (_gate)
        {
            return _projector.Status();
        }
    }

    public async Task AppendAsync(IReadOnlyList<HistoryEvent> events, bool flushToDisk, CancellationToken cancellationToken)
    {
        await _inner.AppendAsync(events, flushToDisk, cancellationToken);
        lock (_gate)
        {
            _projector.Apply(events);
        }
    }

    /// <remarks>A new generation starts a new fold: its status never mixes in the previous generation's activities.</remarks>
    public async Task ReplaceAsync(IReadOnlyList<HistoryEvent> events, bool flushToDisk, CancellationToken cancellationToken)
    {
        await _inner.ReplaceAsync(events, flushToDisk, cancellationToken);
        var projector = new HistoryProjector(InstanceId);
        projector.Apply(events);
        lock (_gate)
        {
            _projector = projector;
        }
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
