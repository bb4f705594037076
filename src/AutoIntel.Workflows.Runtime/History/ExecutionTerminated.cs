namespace AutoIntel.Workflows.Runtime.History;

/// <summary>A client terminated the instance.</summary>
public sealed record ExecutionTerminated(DateTime Timestamp, string Reason) : HistoryEvent(Timestamp);
