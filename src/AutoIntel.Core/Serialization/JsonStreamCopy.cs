using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace AutoIntel.Core.Serialization;

/// <summary>Copies JSON read from a stream into a writer token by token: the bytes <see cref="JsonElement.WriteTo"/> writes for the
/// same value, with only the token being copied (and the reader's small buffers) in memory.</summary>
/// <remarks>A long run's stored sections are megabytes each: parsed into a <see cref="JsonElement"/> to be written elsewhere, each would
/// be held whole with its metadata, in buffers the shared pool then keeps.</remarks>
public static class JsonStreamCopy
{
    private const int ReadBufferBytes = 16 * 1024;

    /// <summary>Copies the JSON value in <paramref name="source"/> into <paramref name="destination"/>, flushing it whenever more than
    /// <paramref name="flushBytes"/> are pending.</summary>
    /// <exception cref="JsonException">The source is not one JSON value.</exception>
    public static Task CopyAsync(Stream source, Utf8JsonWriter destination, int flushBytes, CancellationToken cancellationToken = default) =>
        RunAsync(source, destination, new Copy(null, null), flushBytes, cancellationToken);

    /// <summary>Copies the value of the top-level property <paramref name="property"/> of the JSON object in <paramref name="source"/>
    /// into <paramref name="destination"/>, and reads no further; false, writing nothing, when the object has no such property.</summary>
    /// <exception cref="JsonException">The source is not a JSON object.</exception>
    public static async Task<bool> CopyPropertyAsync(Stream source, string property, Utf8JsonWriter destination, int flushBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(property);
        var copy = new Copy(property, null);
        await RunAsync(source, destination, copy, flushBytes, cancellationToken);
        return copy.Found;
    }

    /// <summary>Copies the JSON object in <paramref name="source"/> into <paramref name="destination"/> without its top-level
    /// <paramref name="properties"/>: the object as the serializer reads it when it skips them, without holding their values. Returns
    /// the properties left out, in the order the object lists them.</summary>
    /// <exception cref="JsonException">The source is not a JSON object.</exception>
    public static async Task<IReadOnlyList<string>> CopyWithoutAsync(Stream source, IReadOnlyCollection<string> properties, Utf8JsonWriter destination, int flushBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var copy = new Copy(null, properties);
        await RunAsync(source, destination, copy, flushBytes, cancellationToken);
        return copy.LeftOut;
    }

    private static async Task RunAsync(Stream source, Utf8JsonWriter destination, Copy copy, int flushBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var pipe = PipeReader.Create(source, new StreamPipeReaderOptions(bufferSize: ReadBufferBytes, leaveOpen: true));
        try
        {
            var state = new JsonReaderState();
            while (!copy.Done)
            {
                var read = await pipe.ReadAsync(cancellationToken);
                var consumed = copy.Step(read.Buffer, read.IsCompleted, ref state, destination, flushBytes, out var full);
                if (full)
                {
                    // Stopped to flush, not for want of bytes: the rest of this buffer is read again at once.
                    pipe.AdvanceTo(consumed);
                    await destination.FlushAsync(cancellationToken);
                    continue;
                }

                pipe.AdvanceTo(consumed, read.Buffer.End);
                if (read.IsCompleted && !copy.Done)
                {
                    throw new JsonException("The JSON ended before its value did.");
                }
            }
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    // What to copy: the whole value (neither given), one top-level property's value, or the object without some.
    private sealed class Copy(string? property, IReadOnlyCollection<string>? without)
    {
        private readonly List<string> _leftOut = [];
        private bool _inProperty;

        public bool Found { get; private set; }

        public IReadOnlyList<string> LeftOut => _leftOut;

        public bool Done { get; private set; }

        // Reads and copies the tokens in the buffer until it needs more bytes, the copy is done, or the writer should be flushed (full).
        public SequencePosition Step(ReadOnlySequence<byte> buffer, bool isFinalBlock, ref JsonReaderState state, Utf8JsonWriter writer, int flushBytes, out bool full)
        {
            var reader = new Utf8JsonReader(buffer, isFinalBlock, state);
            while (!Done && writer.BytesPending <= flushBytes && reader.Read())
            {
                Token(ref reader, writer);
            }

            full = !Done && writer.BytesPending > flushBytes;
            state = reader.CurrentState;
            return reader.Position;
        }

        private void Token(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            var depth = reader.CurrentDepth;
            var type = reader.TokenType;
            var endsValue = type is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName);
            if (property is null && without is null)
            {
                Write(ref reader, writer);
                Done = depth == 0 && endsValue;
                return;
            }

            if (depth == 0)
            {
                if (type is not (JsonTokenType.StartObject or JsonTokenType.EndObject))
                {
                    throw new JsonException("Expected a JSON object.");
                }

                if (without is not null)
                {
                    Write(ref reader, writer);
                }

                Done = type == JsonTokenType.EndObject;
                return;
            }

            if (depth == 1 && type == JsonTokenType.PropertyName)
            {
                _inProperty = Selected(ref reader);
                Found |= _inProperty;
                if (without is not null && !_inProperty)
                {
                    Write(ref reader, writer);
                }

                return;
            }

            if (_inProperty == (without is null))
            {
                Write(ref reader, writer);
            }

            Done = _inProperty && without is null && depth == 1 && endsValue;
        }

        // Whether the top-level property the reader is at is the one copied, or one left out (noted as it goes).
        private bool Selected(ref Utf8JsonReader reader)
        {
            if (without is null)
            {
                return reader.ValueTextEquals(property);
            }

            foreach (var name in without)
            {
                if (reader.ValueTextEquals(name))
                {
                    _leftOut.Add(name);
                    return true;
                }
            }

            return false;
        }

        // One token as JsonElement.WriteTo writes it: names and strings unescaped and escaped again by the writer's encoder, numbers
        // as they were (through an element: the writer has no public way to write a number's text with its indentation).
        private static void Write(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                case JsonTokenType.String:
                    WriteText(ref reader, writer);
                    break;
                case JsonTokenType.Number:
                    JsonElement.ParseValue(ref reader).WriteTo(writer);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }

        private static void WriteText(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            if (!reader.HasValueSequence && !reader.ValueIsEscaped)
            {
                WriteText(writer, reader.TokenType, reader.ValueSpan);
                return;
            }

            var rented = ArrayPool<byte>.Shared.Rent(checked((int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length)));
            try
            {
                WriteText(writer, reader.TokenType, rented.AsSpan(0, reader.CopyString(rented)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        private static void WriteText(Utf8JsonWriter writer, JsonTokenType type, ReadOnlySpan<byte> utf8)
        {
            if (type == JsonTokenType.PropertyName)
            {
                writer.WritePropertyName(utf8);
            }
            else
            {
                writer.WriteStringValue(utf8);
            }
        }
    }
}
