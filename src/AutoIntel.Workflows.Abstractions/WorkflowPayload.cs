using System.Text.Json;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Workflows.Abstractions;

/// <summary>Converts inputs, results, events and statuses to and from the JSON both hosts store (AutoIntelJson).</summary>
/// <remarks>The local runtime writes these elements to its history; the Durable Functions adapter hands them to Durable as-is.</remarks>
public static class WorkflowPayload
{
    /// <summary>Serializes <paramref name="value"/> as <paramref name="declaredType"/> (its runtime type when that is <see cref="object"/>); null stays null.</summary>
    public static JsonElement? ToElement(object? value, Type declaredType) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, declaredType == typeof(object) ? value.GetType() : declaredType, AutoIntelJson.Options);

    /// <summary>Deserializes to <paramref name="type"/>; a missing or null element gives the type's default.</summary>
    public static object? ToObject(JsonElement? element, Type type) =>
        element is not { ValueKind: not JsonValueKind.Null } e
            ? (type.IsValueType ? Activator.CreateInstance(type) : null)
            : e.Deserialize(type, AutoIntelJson.Options);

    /// <summary>Deserializes to <typeparamref name="T"/>; a missing or null element gives <c>default</c>.</summary>
    public static T To<T>(JsonElement? element) =>
        element is not { ValueKind: not JsonValueKind.Null } e ? default! : e.Deserialize<T>(AutoIntelJson.Options)!;
}
