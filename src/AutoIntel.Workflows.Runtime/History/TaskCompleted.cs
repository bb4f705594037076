using System.Text.Json;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>An activity call returned its result.</summary>
public sealed record TaskCompleted(DateTime Timestamp, int TaskId, JsonElement? Result) : HistoryEvent(Timestamp);
