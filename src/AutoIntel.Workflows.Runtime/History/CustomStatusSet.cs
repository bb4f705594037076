using System.Text.Json;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The orchestration published a new custom status (recorded only when its JSON changes).</summary>
public sealed record CustomStatusSet(DateTime Timestamp, JsonElement? Status) : HistoryEvent(Timestamp);
