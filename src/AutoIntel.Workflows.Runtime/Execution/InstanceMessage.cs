using System.Text.Json;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>What a runner receives: worker outcomes, fired timers, raised events, terminate requests.</summary>
internal readonly record struct InstanceMessage(
    InstanceMessageKind Kind,
    int TaskId = 0,
    int Attempt = 0,
    JsonElement? Value = null,
    FailureDetails? Failure = null,
    string? Name = null);

/// <summary>The kinds of <see cref="InstanceMessage"/>.</summary>
internal enum InstanceMessageKind
{
    TaskStarted,
    TaskAttemptFailed,
    TaskCompleted,
    TaskFailed,
    TimerFired,
    EventRaised,
    Terminate,
    Wake,
    SubWorkflowAttemptFailed,
    SubWorkflowCompleted,
    SubWorkflowFailed,
}
