namespace AutoIntel.Workflows.Runtime.History;

/// <summary>A worker began an attempt of an activity call.</summary>
public sealed record TaskStarted(DateTime Timestamp, int TaskId, int Attempt, string Session) : HistoryEvent(Timestamp);
