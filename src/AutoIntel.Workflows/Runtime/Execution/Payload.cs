using System.Text.Json;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>Converts inputs, results and statuses to and from the JSON stored in history.</summary>
internal static class Payload
{
    public static JsonElement? ToElement(object? value, Type declaredType) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, declaredType == typeof(object) ? value.GetType() : declaredType, AutoIntelJson.Options);

    public static object? ToObject(JsonElement? element, Type type) =>
        element is not { ValueKind: not JsonValueKind.Null } e
            ? (type.IsValueType ? Activator.CreateInstance(type) : null)
            : e.Deserialize(type, AutoIntelJson.Options);

    public static T To<T>(JsonElement? element) =>
        element is not { ValueKind: not JsonValueKind.Null } e ? default! : e.Deserialize<T>(AutoIntelJson.Options)!;
}
