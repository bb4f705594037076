using System.Text.Json;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>What <c>GET /api/runs/{id}</c> answers, the same on both hosts (local server and Azure Functions).</summary>
/// <remarks>The input is left out on purpose: it holds the Discord interaction token. So is the failure's stack trace.</remarks>
public sealed record RunStatusView(
    string InstanceId,
    string WorkflowName,
    RuntimeStatus RuntimeStatus,
    JsonElement? CustomStatus,
    JsonElement? Output,
    RunFailureView? Failure,
    DateTime CreatedAtUtc,
    DateTime LastUpdatedAtUtc,
    DateTime? CompletedAtUtc,
    IReadOnlyList<ActivityStatus> Activities)
{
    /// <summary>The view of <paramref name="status"/>.</summary>
    public static RunStatusView From(InstanceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(
            status.InstanceId,
            status.WorkflowName,
            status.RuntimeStatus,
            status.CustomStatus,
            status.Output,
            status.Failure is { } f ? new RunFailureView(f.ErrorType, f.Message, f.IsPermanent) : null,
            status.CreatedAtUtc,
            status.LastUpdatedAtUtc,
            status.CompletedAtUtc,
            status.Activities);
    }

    /// <summary>The 404 body for an unknown run id.</summary>
    public static object NotFound(string instanceId) => new { error = $"no run with id {instanceId}" };
}

/// <summary>A failure as shown to clients: no stack trace.</summary>
public sealed record RunFailureView(string ErrorType, string Message, bool IsPermanent);
