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

    /// <summary>Schedules an activity and returns its result; failures surface as <see cref="ActivityFailedException"/>.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy? retry = null);

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
