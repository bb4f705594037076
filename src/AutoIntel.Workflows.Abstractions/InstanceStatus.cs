using System.Text.Json;

namespace AutoIntel.Workflows.Abstractions;

/// <summary>Lifecycle state of an orchestration instance.</summary>
public enum RuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
}

/// <summary>What a client can see of an instance.</summary>
public sealed record InstanceStatus(
    string InstanceId,
    string WorkflowName,
    RuntimeStatus RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    FailureDetails? Failure,
    DateTime CreatedAtUtc,
    DateTime LastUpdatedAtUtc,
    DateTime? CompletedAtUtc,
    IReadOnlyList<ActivityStatus> Activities)
{
    /// <summary>The workflow version the current execution started with ("" when unversioned).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The instance that started this one as a sub-workflow, or null (local runtime only; Durable's query does not report it).</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>How many times the instance continued as new (0 for its first execution; local runtime only).</summary>
    public int Generation { get; init; }

    /// <summary>Completed, failed or terminated: nothing more will happen.</summary>
    public bool IsTerminal => RuntimeStatus is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated;
}

/// <summary>State of one scheduled activity.</summary>
public enum ActivityRunState
{
    Scheduled,
    Running,
    Completed,
    Failed,
}

/// <summary>One activity call of an instance, with its attempts.</summary>
/// <param name="TaskId">Sequence number of the call within the instance.</param>
public sealed record ActivityStatus(int TaskId, string Name, ActivityRunState Status, int Attempts, DateTime ScheduledAtUtc, DateTime? CompletedAtUtc, string? Error);
