namespace AutoIntel.Workflows.Runtime.History;

/// <summary>A durable timer became due.</summary>
public sealed record TimerFired(DateTime Timestamp, int TaskId) : HistoryEvent(Timestamp);
