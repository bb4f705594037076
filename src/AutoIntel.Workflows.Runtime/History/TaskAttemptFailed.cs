using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>An attempt failed and the call will be retried.</summary>
public sealed record TaskAttemptFailed(DateTime Timestamp, int TaskId, int Attempt, FailureDetails Failure) : HistoryEvent(Timestamp);
