using AutoIntel.Workflows.Abstractions;
using Microsoft.DurableTask.Client;

namespace AutoIntel.Functions.Durable;

/// <summary>Projects Durable's <see cref="OrchestrationMetadata"/> onto our <see cref="InstanceStatus"/>.</summary>
internal static class DurableStatus
{
    /// <summary>The status of one instance, fetched with inputs and outputs.</summary>
    /// <remarks>
    /// The per-activity list stays empty: the Durable client's instance query has no per-activity state (the local
    /// runtime projects it from its own history).
    /// </remarks>
    public static InstanceStatus From(OrchestrationMetadata metadata)
    {
        RuntimeStatus status = Map(metadata.RuntimeStatus);
        bool terminal = status is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated;
        return new InstanceStatus(
            metadata.InstanceId,
            metadata.Name,
            status,
            DurablePayload.Parse(metadata.SerializedInput),
            DurablePayload.Parse(metadata.SerializedCustomStatus),
            status is RuntimeStatus.Completed or RuntimeStatus.Terminated ? DurablePayload.Parse(metadata.SerializedOutput) : null,
            metadata.FailureDetails is { } failure ? DurableFailures.From(failure) : null,
            metadata.CreatedAt.UtcDateTime,
            metadata.LastUpdatedAt.UtcDateTime,
            terminal ? metadata.LastUpdatedAt.UtcDateTime : null,
            []);
    }

    private static RuntimeStatus Map(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => RuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Completed => RuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed => RuntimeStatus.Failed,

        OrchestrationRuntimeStatus.Terminated => RuntimeStatus.Terminated,

        // Running and Suspended (and the obsolete ContinuedAsNew/Canceled, which the SDK no longer reports): not ended.
        _ => RuntimeStatus.Running,
    };
}
