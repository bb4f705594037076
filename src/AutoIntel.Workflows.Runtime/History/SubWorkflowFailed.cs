using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The child instance of call <paramref name="TaskId"/> failed or was terminated, for good (attempts exhausted or permanent).</summary>
public sealed record SubWorkflowFailed(DateTime Timestamp, int TaskId, FailureDetails Failure) : HistoryEvent(Timestamp);
