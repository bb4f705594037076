using System.Runtime.InteropServices;
using System.Text.Json;

namespace AutoIntel.Core.Serialization;

/// <summary>Writes large JSON into a stream's writer the way the serializer writes it, flushing as it goes.</summary>
public static class JsonElementWriter
{
    /// <summary>Writes <paramref name="value"/> as <see cref="JsonElement.WriteTo"/> does (the same bytes), flushing to the writer's
    /// stream between the items of a list or object longer than <paramref name="flushBytes"/>: written whole, a long run's section data
    /// (megabytes) would first be held in the writer's buffer, which grows to hold all of it.</summary>
    public static async Task WriteAsync(Utf8JsonWriter writer, JsonElement value, int flushBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object) || JsonMarshal.GetRawUtf8Value(value).Length <= flushBytes)
        {
            value.WriteTo(writer);
            return;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            writer.WriteStartArray();
            foreach (var item in value.EnumerateArray())
            {
                await WriteAsync(writer, item, flushBytes, cancellationToken);
                await FlushWhenFullAsync(writer, flushBytes, cancellationToken);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject();
        foreach (var property in value.EnumerateObject())
        {
            writer.WritePropertyName(property.Name);
            await WriteAsync(writer, property.Value, flushBytes, cancellationToken);
            await FlushWhenFullAsync(writer, flushBytes, cancellationToken);
        }

        writer.WriteEndObject();
    }

    /// <summary>Flushes <paramref name="writer"/> to its stream once more than <paramref name="flushBytes"/> are pending.</summary>
    public static async Task FlushWhenFullAsync(Utf8JsonWriter writer, int flushBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer.BytesPending > flushBytes)
        {
            await writer.FlushAsync(cancellationToken);
        }
    }
}
