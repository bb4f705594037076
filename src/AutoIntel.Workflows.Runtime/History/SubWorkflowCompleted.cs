using System.Text.Json;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The child instance of call <paramref name="TaskId"/> completed with <paramref name="Result"/>.</summary>
public sealed record SubWorkflowCompleted(DateTime Timestamp, int TaskId, JsonElement? Result) : HistoryEvent(Timestamp);
