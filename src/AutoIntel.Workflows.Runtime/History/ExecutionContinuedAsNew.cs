using System.Text.Json;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>
/// The code returned after <c>ContinueAsNew</c>: the next execution starts with <paramref name="Input"/> and the events in
/// <paramref name="Carried"/> (raised but not yet received). The last line of a generation; if the process dies before the new
/// generation replaces the file, resuming finishes the switch from this line without running the code again.
/// </summary>
public sealed record ExecutionContinuedAsNew(DateTime Timestamp, JsonElement? Input, IReadOnlyList<EventRaised> Carried) : HistoryEvent(Timestamp);
