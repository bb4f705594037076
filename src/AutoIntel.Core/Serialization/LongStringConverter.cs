using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoIntel.Core.Serialization;

/// <summary>Writes a long string in pieces (<see cref="Utf8JsonWriter.WriteStringValueSegment(ReadOnlySpan{char}, bool)"/>): the same bytes
/// as writing it whole, without the escaping buffer of six times its length that the writer rents (and the shared pool then keeps) for
/// a string written whole. A long run's sections hold Markdown of a million characters and more.</summary>
public sealed class LongStringConverter : JsonConverter<string>
{
    /// <summary>Strings up to this many characters are written whole, as the serializer writes them.</summary>
    public const int PieceChars = 8 * 1024;

    /// <inheritdoc/>
    public override bool HandleNull => false;

    /// <inheritdoc/>
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= PieceChars)
        {
            writer.WriteStringValue(value);
            return;
        }

        // A piece may end between the two halves of a surrogate pair: the writer keeps the half until the next piece.
        var rest = value.AsSpan();
        while (rest.Length > PieceChars)
        {
            writer.WriteStringValueSegment(rest[..PieceChars], isFinalSegment: false);
            rest = rest[PieceChars..];
        }

        writer.WriteStringValueSegment(rest, isFinalSegment: true);
    }

    /// <inheritdoc/>
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() ?? throw new JsonException("A property name must not be null.");

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }
}
