using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>An activity call failed for good (attempts exhausted or permanent failure).</summary>
public sealed record TaskFailed(DateTime Timestamp, int TaskId, FailureDetails Failure) : HistoryEvent(Timestamp);
