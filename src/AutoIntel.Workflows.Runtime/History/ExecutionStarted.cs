using System.Text.Json;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The instance was created to run workflow <paramref name="Name"/> with <paramref name="Input"/>.</summary>
public sealed record ExecutionStarted(DateTime Timestamp, string Name, JsonElement? Input) : HistoryEvent(Timestamp);
