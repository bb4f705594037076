using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Core.Briefings;

/// <summary>Reads a stored <c>briefing.json</c> in two parts: the briefing without its claims, and the claims one at a time.</summary>
/// <remarks>A long run's file lists tens of thousands of claims (megabytes of JSON). Parsing it whole, as <see cref="BriefingJson.ReadAsync"/>
/// does, holds the text and every claim at once; these read the file as a stream, so a reader that prints the claims as it goes (the CLI's
/// <c>--json</c>) holds only the rest of the briefing and one claim.</remarks>
public static class BriefingFile
{
    private const int BufferBytes = 64 * 1024;
    private const string ClaimsKey = "claims";

    /// <summary>Where the value of the top-level <c>claims</c> property is in the file: its first byte and the byte after its last,
    /// found by reading the file's tokens once; null when the document has no <c>claims</c> list.</summary>
    /// <exception cref="JsonException">The file is not a JSON object.</exception>
    public static async Task<(long Start, long End)?> FindClaimsAsync(Stream utf8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var buffer = new byte[BufferBytes];
        var scan = new Scan();
        int kept = 0;
        while (true)
        {
            int read = await utf8.ReadAsync(buffer.AsMemory(kept), cancellationToken);
            bool final = read == 0;
            int available = kept + read;
            int consumed = scan.Advance(buffer.AsSpan(0, available), final);
            if (scan.Found is not null || final)
            {
                return scan.Found;
            }

            // A token longer than the buffer (a very long string) needs a larger one.
            kept = available - consumed;
            if (kept == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            buffer.AsSpan(consumed, kept).CopyTo(buffer);
        }
    }

    /// <summary>The briefing in the file <paramref name="open"/> opens, read by <paramref name="read"/> (<see cref="BriefingJson.ReadAsync"/>
    /// with the analyses' section names) without its claims (none listed) and without the top-level properties <paramref name="leftOut"/>;
    /// with those of them the file has, in its order.</summary>
    /// <remarks>The file is read once, through a pipe that leaves those properties out as it is parsed: a long run's claims and sections
    /// are megabytes, which a reader that copies them from the file itself (the CLI's <c>--json</c>) need not hold.</remarks>
    public static async Task<(Briefing Briefing, IReadOnlyList<string> LeftOut)> ReadWithoutClaimsAsync(
        Func<CancellationToken, Task<Stream>> open, Func<Stream, CancellationToken, Task<Briefing>> read, IReadOnlyCollection<string>? leftOut = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(read);
        await using var file = await open(cancellationToken);
        var pipe = new Pipe();
        var copying = CopyWithoutAsync(file, [ClaimsKey, .. leftOut ?? []], pipe.Writer, cancellationToken);
        Briefing briefing;
        IReadOnlyList<string> found;
        try
        {
            await using var rest = pipe.Reader.AsStream();
            briefing = await read(rest, cancellationToken);
        }
        finally
        {
            found = await copying;
        }

        return (briefing with { Claims = [] }, [.. found.Where(p => p != ClaimsKey)]);
    }

    // Copies the file without those properties; the reader sees a failure (a file cut short, a cancellation) where it reads next.
    private static async Task<IReadOnlyList<string>> CopyWithoutAsync(Stream file, IReadOnlyCollection<string> leftOut, PipeWriter to, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<string> found;
            await using (var rest = to.AsStream(leaveOpen: true))
            await using (var writer = new Utf8JsonWriter(rest, new JsonWriterOptions { Encoder = AutoIntelJson.Options.Encoder }))
            {
                found = await JsonStreamCopy.CopyWithoutAsync(file, leftOut, writer, BufferBytes, cancellationToken);
            }

            await to.CompleteAsync();
            return found;
        }
        catch (Exception e)
        {
            await to.CompleteAsync(e);
            return [];
        }
    }

    /// <summary>The claims of the briefing file opened by <paramref name="open"/>, one at a time, in the order listed.</summary>
    /// <exception cref="JsonException">The file is not a JSON object, or its claims are not a list of claim verdicts.</exception>
    public static async IAsyncEnumerable<ClaimVerdict> ReadClaimsAsync(Func<CancellationToken, Task<Stream>> open, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        (long Start, long End)? claims;
        await using (var first = await open(cancellationToken))
        {
            claims = await FindClaimsAsync(first, cancellationToken);
        }

        if (claims is not { } range)
        {
            yield break;
        }

        await using var file = await open(cancellationToken);
        await CopyAsync(file, Stream.Null, range.Start, cancellationToken);
        await using var list = new Slice(file, range.End - range.Start);
        await foreach (var claim in JsonSerializer.DeserializeAsyncEnumerable<ClaimVerdict>(list, AutoIntelJson.Options, cancellationToken))
        {
            yield return claim ?? throw new JsonException("A briefing's claims must not list null.");
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(BufferBytes, Math.Max(count, 1))];
        while (count > 0)
        {
            int read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw new JsonException("The briefing file ended before its claims did.");
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }

    // The next `length` bytes of a stream, read as a stream of their own (the claims list, read by the serializer as it goes).
    private sealed class Slice(Stream inner, long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read = _left == 0 ? 0 : inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = _left == 0 ? 0 : await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken);
            _left -= read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // The reader's state between buffers: how far the file has been read, and where the claims start once seen.
    private sealed class Scan
    {
        private JsonReaderState _state;
        private long _offset;
        private bool _atClaims;
        private long _start = -1;

        public (long Start, long End)? Found { get; private set; }

        // Reads every complete token in the buffer; returns how many bytes it consumed.
        public int Advance(ReadOnlySpan<byte> buffer, bool final)
        {
            var reader = new Utf8JsonReader(buffer, final, _state);
            while (Found is null && reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.EndObject)
                {
                    throw new JsonException("A briefing must be a JSON object.");
                }

                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    _atClaims = reader.ValueTextEquals(ClaimsKey);
                }
                else if (_atClaims && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.StartArray)
                {
                    _start = _offset + reader.TokenStartIndex;
                }
                else if (_start >= 0 && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.EndArray)
                {
                    Found = (_start, _offset + reader.BytesConsumed);
                }
            }

            _state = reader.CurrentState;
            _offset += reader.BytesConsumed;
            return (int)reader.BytesConsumed;
        }
    }
}
