namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The orchestration created durable timer <paramref name="TaskId"/>.</summary>
public sealed record TimerCreated(DateTime Timestamp, int TaskId, DateTime FireAt) : HistoryEvent(Timestamp);
