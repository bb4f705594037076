using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>The instance (or a new execution of it, after continue-as-new) was created to run workflow <paramref name="Name"/> with <paramref name="Input"/>.</summary>
/// <param name="Version">The registered workflow version at start; absent (older histories, unversioned workflows) reads as "".</param>
/// <param name="ParentInstanceId">The instance that started this one as a sub-workflow.</param>
/// <param name="Generation">How many times the instance continued as new before this execution.</param>
/// <remarks>The optional fields are omitted when empty, so plain starts write the same line as before they existed.</remarks>
public sealed record ExecutionStarted(
    DateTime Timestamp,
    string Name,
    JsonElement? Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ParentInstanceId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Generation = 0) : HistoryEvent(Timestamp);
