using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Storage;

/// <summary>Writes and reads a transcript artifact (the JSON of a <see cref="Transcript"/>) one segment at a time, so a long transcript is
/// never held whole, neither as objects nor as one JSON string.</summary>
/// <remarks>The document is the one <see cref="ArtifactStoreExtensions.PutJsonAsync{T}"/> writes for a <see cref="Transcript"/>
/// (<c>{"title":…,"source":…,"segments":[…]}</c>), so artifacts written before and after this reader load alike both ways; properties
/// other than <c>segments</c> (such as the <c>fullText</c> older artifacts carry) are skipped.</remarks>
public static class TranscriptArtifact
{
    // The reader starts with a buffer this big and grows it only for a value that does not fit (one huge segment, or an older artifact's
    // stored full text).
    private const int BufferBytes = 64 * 1024;

    // The writer hands its buffer to the stream at about this size: its buffer grows by doubling, and stays under the large object heap's
    // 85,000 bytes only if flushed by half that.
    private const int FlushBytes = 32 * 1024;

    // As the transcript cache names its entries, so a hash says how it was made.
    private const string HashPrefix = "sha256-";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = AutoIntelJson.Options.Encoder, SkipValidation = true };

    /// <summary>Stores a transcript at <paramref name="path"/>, writing each segment as <paramref name="segments"/> yields it.</summary>
    /// <remarks>Nothing is stored if enumerating <paramref name="segments"/> throws. It may be enumerated twice (see
    /// <see cref="IArtifactStore.PutStreamAsync"/>). The <paramref name="language"/> follows the segments, where a <see cref="Transcript"/>'s
    /// JSON has it, and is left out when null.</remarks>
    public static async Task<StoredTranscript> WriteAsync(
        IArtifactStore store, string path, string title, string source, IAsyncEnumerable<TranscriptSegment> segments, string? language = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(segments);
        int count = 0;
        long characters = 0;
        string? contentHash = null;
        ArtifactRef stored = await store.PutStreamAsync(
            path,
            async (stream, token) =>
            {
                count = 0;
                characters = 0;
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using var writer = new Utf8JsonWriter(stream, WriterOptions);
                writer.WriteStartObject();
                writer.WriteString("title", title);
                writer.WriteString("source", source);
                writer.WriteStartArray("segments");
                await foreach (TranscriptSegment segment in segments.WithCancellation(token))
                {
                    JsonSerializer.Serialize(writer, segment, AutoIntelJson.Options);
                    characters += segment.Text.Length + (count > 0 ? 1 : 0);
                    if (count > 0)
                    {
                        hash.AppendData("\n"u8);
                    }

                    hash.AppendData(Encoding.UTF8.GetBytes(segment.Text));
                    count++;
                    if (writer.BytesPending >= FlushBytes)
                    {
                        await writer.FlushAsync(token);
                    }
                }

                writer.WriteEndArray();
                if (language is not null)
                {
                    writer.WriteString("language", language);
                }

                writer.WriteEndObject();
                await writer.FlushAsync(token);
                contentHash = HashPrefix + Convert.ToHexStringLower(hash.GetHashAndReset());
            },
            ArtifactStoreExtensions.JsonMediaType,
            cancellationToken);
        return new StoredTranscript(stored, title, count, checked((int)characters), language, contentHash);
    }

    /// <summary>Stores <paramref name="transcript"/> at <paramref name="path"/> (see <see cref="WriteAsync(IArtifactStore, string, string, string, IAsyncEnumerable{TranscriptSegment}, string?, CancellationToken)"/>).</summary>
    public static Task<StoredTranscript> WriteAsync(IArtifactStore store, string path, Transcript transcript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return WriteAsync(store, path, transcript.Title, transcript.Source, transcript.Segments.ToAsyncEnumerable(), transcript.Language, cancellationToken);
    }

    /// <summary>The segments of the transcript artifact at <paramref name="path"/>, read from the store as they are enumerated.</summary>
    /// <exception cref="FileNotFoundException">No artifact at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The artifact is not a transcript's JSON, or ends early.</exception>
    public static async IAsyncEnumerable<TranscriptSegment> ReadSegmentsAsync(IArtifactStore store, string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using Stream stream = await store.OpenReadAsync(path, cancellationToken);
        var parser = new SegmentParser(path);
        var parsed = new List<TranscriptSegment>();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            int filled = 0;
            bool final = false;
            while (!parser.Done)
            {
                if (filled == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                final = read == 0;
                filled += read;

                int consumed = parser.Parse(buffer.AsSpan(0, filled), final, parsed);
                foreach (TranscriptSegment segment in parsed)
                {
                    yield return segment;
                }

                parsed.Clear();
                if (final && !parser.Done)
                {
                    throw new InvalidDataException($"Artifact '{path}' ends before its transcript does.");
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Reads the document token by token across buffers; a segment (or a skipped value) is taken only once it is wholly in the buffer,
    // otherwise the reader is put back before its first token and the caller reads more.
    private sealed class SegmentParser(string path)
    {
        private JsonReaderState _state;
        private Phase _phase;

        private enum Phase
        {
            Start,
            Properties,
            Segments,
            Done,
        }

        public bool Done => _phase == Phase.Done;

        // Adds the complete segments in the buffer to parsed; returns how many bytes were used.
        public int Parse(ReadOnlySpan<byte> buffer, bool final, List<TranscriptSegment> parsed)
        {
            var reader = new Utf8JsonReader(buffer, final, _state);
            try
            {
                while (_phase != Phase.Done && Step(ref reader, parsed))
                {
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Artifact '{path}' is not valid JSON for {nameof(Transcript)}: {ex.Message}", ex);
            }

            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        // One token (with its value where it has one); false, with the reader unchanged, when the buffer ends first.
        private bool Step(ref Utf8JsonReader reader, List<TranscriptSegment> parsed)
        {
            Utf8JsonReader mark = reader;
            if (!reader.Read())
            {
                return false;
            }

            switch (_phase)
            {
                case Phase.Start:
                    Expect(reader.TokenType == JsonTokenType.StartObject);
                    _phase = Phase.Properties;
                    return true;

                case Phase.Properties when reader.TokenType == JsonTokenType.EndObject:
                    _phase = Phase.Done;
                    return true;

                case Phase.Properties:
                    bool segments = reader.GetString() is { } name && name.Equals("segments", StringComparison.OrdinalIgnoreCase);
                    if (!reader.Read() || (!segments && !reader.TrySkip()))
                    {
                        reader = mark;
                        return false;
                    }

                    if (segments)
                    {
                        Expect(reader.TokenType == JsonTokenType.StartArray);
                        _phase = Phase.Segments;
                    }

                    return true;

                case Phase.Segments when reader.TokenType == JsonTokenType.EndArray:
                    _phase = Phase.Properties;
                    return true;

                default:
                    Utf8JsonReader element = reader;
                    if (!reader.TrySkip())
                    {
                        reader = mark;
                        return false;
                    }

                    parsed.Add(JsonSerializer.Deserialize<TranscriptSegment>(ref element, AutoIntelJson.Options)
                        ?? throw new InvalidDataException($"Artifact '{path}' holds a null transcript segment."));
                    return true;
            }
        }

        private void Expect(bool condition)
        {
            if (!condition)
            {
                throw new InvalidDataException($"Artifact '{path}' is not a transcript: expected an object with a \"segments\" array.");
            }
        }
    }
}
