using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The orchestration threw (or its code no longer matched its history).</summary>
public sealed record ExecutionFailed(DateTime Timestamp, FailureDetails Failure) : HistoryEvent(Timestamp);
