using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Runtime;

/// <summary>One instance's history, held open exclusively by the runner that appends to it.</summary>
public interface IHistoryLog : IAsyncDisposable
{
    /// <summary>The instance this log belongs to.</summary>
    string InstanceId { get; }

    /// <summary>The events that were stored when the log was opened (a torn last line is already dropped).</summary>
    IReadOnlyList<HistoryEvent> Events { get; }

    /// <summary>Appends a batch of events in one write (group commit); <paramref name="flushToDisk"/> also fsyncs.</summary>
    /// <remarks>The caller may reuse <paramref name="events"/> once the task completes.</remarks>
    Task AppendAsync(IReadOnlyList<HistoryEvent> events, bool flushToDisk, CancellationToken cancellationToken);

    /// <summary>Replaces the whole history with <paramref name="events"/> atomically (readers see the old or the new one, never a mix); later appends follow them.</summary>
    /// <remarks>Continue-as-new: the old generation is dropped, so an endless instance's history stays one generation long.</remarks>
    Task ReplaceAsync(IReadOnlyList<HistoryEvent> events, bool flushToDisk, CancellationToken cancellationToken);
}
