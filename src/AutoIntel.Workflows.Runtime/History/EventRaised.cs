using System.Text.Json;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>An external event reached the instance.</summary>
public sealed record EventRaised(DateTime Timestamp, string Name, JsonElement? Payload) : HistoryEvent(Timestamp);
