using System.Buffers;
using System.Text;

namespace AutoIntel.Ingestion;

/// <summary>Tells the encoding of text whose bytes arrive in pieces (a file copied to the store), with the answer, or the refusal,
/// <see cref="TextDecoder"/> gives for the same bytes whole; and whether they look binary (<see cref="TextDecoder.LooksBinary"/>).</summary>
/// <remarks>Holds the first 2 KiB and one strict decoder per encoding still in the running, never the text: a sequence split between
/// two pieces is decoded as if they were one. Call <see cref="Append"/> for each piece, then <see cref="Complete"/>.</remarks>
public sealed class EncodingCheck(string mediaType)
{
    // Enough for a byte order mark, the UTF-16 sniff (512 bytes) and an HTML meta charset (read in the first 2 KiB).
    private const int HeadBytes = 2048;

    // Bytes Windows-1252 leaves undefined; Latin-1 reads them as C1 control characters, which no real text contains.
    private static readonly SearchValues<byte> Undefined1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    private readonly byte[] _head = new byte[HeadBytes];
    private readonly char[] _chars = new char[4096];
    private int _headLength;
    private bool _started;
    private long _offset;
    private Candidate? _bom;
    private int _bomLength;
    private Candidate? _declared;
    private Candidate? _utf8;
    private bool _utf16WithoutBom;
    private bool _nul;
    private long _firstHigh = -1;
    private long _undefinedAt = -1;
    private byte _undefined;
    private DetectedEncoding? _result;

    /// <summary>True when the bytes contain NUL and are not UTF-16/32 (see <see cref="TextDecoder.LooksBinary"/>); set by <see cref="Complete"/>.</summary>
    public bool LooksBinary { get; private set; }

    /// <summary>Why the bytes cannot be decoded as text, or null when they can; set by <see cref="Complete"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>The encoding told by <see cref="Complete"/>.</summary>
    /// <exception cref="TextEncodingException">The bytes have a <see cref="Problem"/>.</exception>
    public DetectedEncoding Result => Problem is null
        ? _result ?? throw new InvalidOperationException("Call Complete first.")
        : throw new TextEncodingException(Problem);

    /// <summary>Checks the next piece of the bytes.</summary>
    public void Append(ReadOnlySpan<byte> piece)
    {
        if (!_started)
        {
            int take = Math.Min(piece.Length, HeadBytes - _headLength);
            piece[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
            piece = piece[take..];
            if (_headLength < HeadBytes)
            {
                return;
            }

            Start();
        }

        Feed(piece, flush: false);
    }

    /// <summary>Ends the bytes and tells their encoding (<see cref="Result"/>), <see cref="Problem"/> and <see cref="LooksBinary"/>.</summary>
    public void Complete()
    {
        if (!_started)
        {
            Start();
        }

        Feed([], flush: true);
        LooksBinary = (_bom is null || _bom.Encoding.CodePage == Encoding.UTF8.CodePage) && _nul && !_utf16WithoutBom;
        (_result, Problem) = Decide();
    }

    // The order TextDecoder has always used: byte order mark, declared charset (when the bytes agree), UTF-8, Windows-1252.
    private (DetectedEncoding?, string?) Decide()
    {
        if (_bom is { } bom)
        {
            string name = bom.Encoding.WebName;
            return bom.InvalidAt < 0
                ? (new DetectedEncoding(bom.Encoding, _bomLength), null)
                : (null, $"it starts with a {name} byte order mark but byte {bom.InvalidAt} is not valid {name}");
        }

        if (_declared is { InvalidAt: < 0 } declared)
        {
            return (new DetectedEncoding(declared.Encoding, 0), null);
        }

        if (_utf16WithoutBom)
        {
            return (null, "it looks like UTF-16 text without a byte order mark; save it as UTF-8, or as UTF-16 with a byte order mark");
        }

        Candidate utf8 = _utf8!;
        if (utf8.InvalidAt < 0)
        {
            return (new DetectedEncoding(utf8.Encoding, 0), null);
        }

        if (_firstHigh >= 0 && _firstHigh < utf8.InvalidAt)
        {
            return (null, $"it mixes UTF-8 with another encoding (byte 0x{utf8.InvalidByte:X2} at offset {utf8.InvalidAt} is not valid UTF-8); save it in one encoding, preferably UTF-8");
        }

        if (_undefinedAt >= 0)
        {
            return (null, $"it is neither UTF-8 nor Windows-1252/Latin-1 text (byte 0x{_undefined:X2} at offset {_undefinedAt}); save it as UTF-8");
        }

        return (new DetectedEncoding(CodePagesEncodingProvider.Instance.GetEncoding(1252)!, 0), null);
    }

    // The head decides which encodings are in the running; it is then checked like any later piece.
    private void Start()
    {
        _started = true;
        ReadOnlySpan<byte> head = _head.AsSpan(0, _headLength);
        _utf16WithoutBom = TextDecoder.LooksLikeUtf16WithoutBom(head);
        if (TextDecoder.DetectBom(head) is { } bom)
        {
            (_bom, _bomLength) = (new Candidate(bom.Encoding, _chars), bom.Length);
        }
        else
        {
            // A declared charset is trusted only when the bytes agree: mislabelled pages (Latin-1 served as UTF-8) are common.
            string? declared = ContentTypes.Charset(mediaType)
                ?? (ContentTypes.BaseMediaType(mediaType) == "text/html" ? TextDecoder.SniffHtmlCharset(head) : null);
            _declared = TextDecoder.Lookup(declared) is { } labelled ? new Candidate(labelled, _chars) : null;
            _utf8 = new Candidate(new UTF8Encoding(false, throwOnInvalidBytes: true), _chars);
        }

        Feed(head, flush: false);
    }

    private void Feed(ReadOnlySpan<byte> piece, bool flush)
    {
        _nul |= piece.Contains((byte)0);
        if (_bom is { } bom)
        {
            int skip = (int)Math.Clamp(_bomLength - _offset, 0, piece.Length);
            bom.Feed(piece[skip..], _offset + skip, flush);
        }
        else
        {
            _declared?.Feed(piece, _offset, flush);
            _utf8!.Feed(piece, _offset, flush);
            if (_firstHigh < 0 && piece.IndexOfAnyInRange((byte)0x80, (byte)0xFF) is var high and >= 0)
            {
                _firstHigh = _offset + high;
            }

            if (_undefinedAt < 0 && piece.IndexOfAny(Undefined1252) is var undefined and >= 0)
            {
                (_undefinedAt, _undefined) = (_offset + undefined, piece[undefined]);
            }
        }

        _offset += piece.Length;
    }

    // One encoding's strict decoder; it decodes into a small scratch buffer only to carry its state from piece to piece.
    private sealed class Candidate(Encoding encoding, char[] scratch)
    {
        private readonly Decoder _decoder = encoding.GetDecoder();

        public Encoding Encoding => encoding;

        // The offset, from the start of the bytes, of the first byte not valid in the encoding (-1 while all are).
        public long InvalidAt { get; private set; } = -1;

        public byte InvalidByte { get; private set; }

        public void Feed(ReadOnlySpan<byte> bytes, long offset, bool flush)
        {
            if (InvalidAt >= 0)
            {
                return;
            }

            try
            {
                do
                {
                    _decoder.Convert(bytes, scratch, flush, out int used, out _, out _);
                    bytes = bytes[used..];
                    offset += used;
                }
                while (!bytes.IsEmpty);
            }
            catch (DecoderFallbackException e)
            {
                // The index is within this call's bytes, negative when the bad sequence began in an earlier piece.
                InvalidAt = Math.Max(0, offset + e.Index);
                InvalidByte = e.BytesUnknown is [var first, ..] ? first : (byte)0;
            }
        }
    }
}

/// <summary>An encoding told by <see cref="TextDecoder"/>, made to throw on bad bytes, and where the text starts (after a byte order mark).</summary>
public sealed record DetectedEncoding(Encoding Encoding, int Start);
