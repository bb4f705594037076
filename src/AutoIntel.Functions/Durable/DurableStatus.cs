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
            FailureOf(metadata, status),
            metadata.CreatedAt.UtcDateTime,
            metadata.LastUpdatedAt.UtcDateTime,
            terminal ? metadata.LastUpdatedAt.UtcDateTime : null,
            []);
    }

    // Some backends (DurableTask.AzureStorage behind a gRPC sidecar, seen in AzureStorage engine tests) report a failed
    // instance without failure details and put the message in the output instead: keep that message rather than none.
    private static FailureDetails? FailureOf(OrchestrationMetadata metadata, RuntimeStatus status) => metadata.FailureDetails switch
    {
        { } failure => DurableFailures.From(failure),
        null when status == RuntimeStatus.Failed => new FailureDetails("OrchestrationFailed", FirstLine(metadata.SerializedOutput), IsPermanent: false),
        _ => null,
    };

    private static string FirstLine(string? output)
    {
        string text = output is ['"', ..] ? DurablePayload.Parse(output)?.GetString() ?? string.Empty : output ?? string.Empty;
        int end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim() is { Length: > 0 } line ? line : "The orchestration failed.";
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
