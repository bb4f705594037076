using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Runtime;

/// <summary>Where instance histories live: an append-only event log per instance.</summary>
public interface IHistoryStore
{
    /// <summary>Opens (creating if absent) an instance's log for exclusive appending; throws <see cref="InstanceLockedException"/> if another runner holds it.</summary>
    Task<IHistoryLog> OpenAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Reads an instance's events without taking its lock; empty when the instance does not exist.</summary>
    Task<IReadOnlyList<HistoryEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>The ids of every stored instance.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether a runner (in this or another process) holds the instance's log: its lease. A lease ends with its holder, even a
    /// killed one, so an unfinished instance that nobody holds is not being run and needs resuming.
    /// </summary>
    Task<bool> IsHeldAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes an instance's history; false when it did not exist; throws <see cref="InstanceLockedException"/> if it is being run.</summary>
    Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken);
}
