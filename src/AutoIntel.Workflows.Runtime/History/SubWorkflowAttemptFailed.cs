using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>Attempt <paramref name="Attempt"/> of child call <paramref name="TaskId"/> failed; the child starts again under the same id.</summary>
public sealed record SubWorkflowAttemptFailed(DateTime Timestamp, int TaskId, int Attempt, FailureDetails Failure) : HistoryEvent(Timestamp);
