using System.Text.Json;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The orchestration returned its output.</summary>
public sealed record ExecutionCompleted(DateTime Timestamp, JsonElement? Output) : HistoryEvent(Timestamp);
