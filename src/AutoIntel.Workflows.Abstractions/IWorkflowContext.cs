using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.Abstractions;

/// <summary>What an orchestration may do; both hosts (local runtime, Azure Durable Functions) implement it.</summary>
/// <remarks>
/// Orchestration code is replayed: it must be deterministic. Use <see cref="CurrentUtcDateTime"/> and <see cref="NewGuid"/>
/// instead of the clock and <c>Guid.NewGuid</c>, durable timers instead of <c>Task.Delay</c>, activities for every I/O,
/// no <c>Task.Run</c>, no <c>ConfigureAwait(false)</c>, and no dependence on hash-set or dictionary order.
/// </remarks>
public interface IWorkflowContext
{
    /// <summary>The id of the running instance.</summary>
    string InstanceId { get; }

    /// <summary>Deterministic "now": the time the current history event was recorded.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes steps already in history.</summary>
    bool IsReplaying { get; }

    /// <summary>The workflow version recorded when this execution started ("" for unversioned registrations and older histories).</summary>
    /// <remarks>Branch on it to change a workflow's calls without breaking instances that started under the old code.</remarks>
    string Version { get; }

    /// <summary>Schedules an activity and returns its result; failures surface as <see cref="ActivityFailedException"/>.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy? retry = null);

    /// <summary>Starts workflow <paramref name="name"/> as a child instance and returns its output.</summary>
    /// <param name="instanceId">The child's id; by default one derived from this instance's id and <see cref="NewGuid"/> (same on replay).</param>
    /// <param name="retry">Attempts like an activity's (a failed child is started again under the same id); permanent failures are not retried.</param>
    /// <remarks>A failed (or terminated) child surfaces as <see cref="SubWorkflowFailedException"/>.</remarks>
    Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string? instanceId = null, RetryPolicy? retry = null);

    /// <summary>
    /// Restarts this instance with <paramref name="input"/> and an empty history once the code returns (its return value is discarded).
    /// </summary>
    /// <remarks>
    /// Events raised but not yet received are carried over to the new execution. The new execution runs the workflow's
    /// currently registered <see cref="Version"/>. Use it to keep an endless loop's history bounded.
    /// </remarks>
    void ContinueAsNew(object? input);

    /// <summary>Waits durably until <paramref name="fireAtUtc"/> (survives restarts).</summary>
    Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event raised on this instance by name; with a timeout it throws <see cref="TimeoutException"/>.</summary>
    Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null);

    /// <summary>Publishes a small status object for clients to read (serialized as JSON).</summary>
    void SetCustomStatus(object? status);

    /// <summary>A GUID that is the same on every replay.</summary>
    Guid NewGuid();

    /// <summary>A logger that stays silent while replaying.</summary>
    ILogger CreateReplaySafeLogger(string categoryName);
}
