using System.Text.Json;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The orchestration scheduled activity call <paramref name="TaskId"/>.</summary>
public sealed record TaskScheduled(DateTime Timestamp, int TaskId, string Name, JsonElement? Input) : HistoryEvent(Timestamp);
