using AutoIntel.Workflows.Abstractions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AutoIntel.Functions.Durable;

/// <summary>Our <see cref="IWorkflowClient"/> over the Durable client a function receives through <c>[DurableClient]</c>.</summary>
/// <remarks>Built per invocation around that invocation's client; it holds no state of its own.</remarks>
public sealed class DurableWorkflowClient(DurableTaskClient client, WorkflowRegistry registry) : IWorkflowClient
{
    /// <inheritdoc/>
    /// <remarks>
    /// Idempotent like the local runtime: an existing instance (in any state) is never started again. Durable could
    /// otherwise recreate a finished instance with the same id, or fail when a second request wins the race.
    /// </remarks>
    public async Task<StartResult> StartAsync(string workflowName, object? input, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        if (!registry.Workflows.TryGetValue(workflowName, out WorkflowDescriptor? workflow))
        {
            throw new ArgumentException($"Workflow '{workflowName}' is not registered.", nameof(workflowName));
        }

        string id = instanceId ?? Guid.NewGuid().ToString("N");
        if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return new StartResult(id, false);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(workflowName, DurablePayload.ToElement(input), new StartOrchestrationOptions(id) { Version = workflow.Version.Length == 0 ? null : workflow.Version }, cancellationToken);
            return new StartResult(id, true);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another request (a Discord redelivery) may have created it between our check and our start.
            if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                return new StartResult(id, false);
            }

            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<InstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : DurableStatus.From(metadata);
    }

    /// <inheritdoc/>
    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, eventName, DurablePayload.ToElement(payload), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The reason becomes the output, as the local runtime records it.</remarks>
    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken = default) =>
        client.TerminateInstanceAsync(instanceId, (object)reason, cancellationToken);
}
