namespace AutoIntel.Workflows.Abstractions;

/// <summary>Starts and queries orchestration instances; implemented by the local runtime and the Functions adapter.</summary>
public interface IWorkflowClient
{
    /// <summary>Starts an instance; if the id exists already, nothing new starts (idempotent).</summary>
    Task<StartResult> StartAsync(string workflowName, object? input, string? instanceId = null, CancellationToken cancellationToken = default);

    /// <summary>The status of an instance, or null when it does not exist.</summary>
    Task<InstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Delivers an external event to a running instance.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default);

    /// <summary>Stops a running instance; it ends as <see cref="RuntimeStatus.Terminated"/>.</summary>
    Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of a start request.</summary>
/// <param name="Created">False when an instance with that id existed already.</param>
public sealed record StartResult(string InstanceId, bool Created);
