namespace AutoIntel.Workflows.Runtime.History;

/// <summary>A runtime session (one process run) loaded the history and continued the instance.</summary>
public sealed record ExecutionResumed(DateTime Timestamp, string Session) : HistoryEvent(Timestamp);
