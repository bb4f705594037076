using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoIntel.Workflows.Abstractions;

/// <summary>An activity input with the W3C trace context of the span that scheduled it (the run's stage).</summary>
/// <remarks>
/// Recorded in history like any input, so an attempt run after a resume, or on the other side of the Durable boundary,
/// still knows its parent span. Inputs without it (older histories, calls outside a stage) run as they always did.
/// </remarks>
/// <param name="TraceParent">W3C <c>traceparent</c> of the parent span.</param>
/// <param name="Input">The activity's own input, as the host stores it.</param>
public sealed record TracedActivityInput(
    [property: JsonPropertyName(TracedActivityInput.Marker)] string TraceParent,
    [property: JsonPropertyName("input")] JsonElement? Input)
{
    // A name no activity input record can have, so unwrapping never mistakes a real input for the envelope.
    private const string Marker = "$traceparent";

    /// <summary>Wraps <paramref name="input"/>; with no trace context the input stays as it is.</summary>
    public static object? Wrap(object? input, string? traceParent) =>
        traceParent is null ? input : new TracedActivityInput(traceParent, WorkflowPayload.ToElement(input, typeof(object)));

    /// <summary>Splits a stored activity input into its trace context (null when absent) and the activity's own input.</summary>
    public static (string? TraceParent, JsonElement? Input) Unwrap(JsonElement? stored) =>
        stored is { ValueKind: JsonValueKind.Object } json
        && json.TryGetProperty(Marker, out JsonElement traceParent)
        && traceParent.ValueKind == JsonValueKind.String
            ? (traceParent.GetString(), json.TryGetProperty("input", out JsonElement input) ? input : null)
            : (null, stored);
}
