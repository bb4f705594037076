using System.Text.Json;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Functions.Durable;

/// <summary>What crosses the Durable boundary: JSON already serialized by <see cref="WorkflowPayload"/> (AutoIntelJson).</summary>
/// <remarks>
/// Durable serializes inputs, outputs, events and custom status with the worker's serializer. Handing it a
/// <see cref="JsonElement"/> makes that step a copy, so the stored JSON is byte-for-byte what the local runtime stores,
/// whatever serializer options the worker has.
/// </remarks>
internal static class DurablePayload
{
    private static readonly JsonElement Null = JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>The value as JSON (its runtime type; <c>null</c> becomes a JSON null).</summary>
    public static JsonElement ToElement(object? value, Type? declaredType = null) =>
        WorkflowPayload.ToElement(value, declaredType ?? typeof(object)) ?? Null;

    /// <summary>Stored JSON text (from the Durable client) as an element; null or empty stays null.</summary>
    public static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
