using System.Text.Json;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The orchestration called workflow <paramref name="Name"/> as child instance <paramref name="InstanceId"/> (call <paramref name="TaskId"/>).</summary>
public sealed record SubWorkflowScheduled(DateTime Timestamp, int TaskId, string Name, string InstanceId, JsonElement? Input) : HistoryEvent(Timestamp);
