using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using AutoIntel.Core;

namespace AutoIntel.Ingestion;

/// <summary>Turns stored bytes into text: byte order mark first, then the Content-Type charset, then an HTML meta charset, then
/// UTF-8 if the bytes are valid UTF-8, else Windows-1252 (which reads Latin-1 text the same). Bytes that fit none of these are
/// refused with a one-line reason (<see cref="TextEncodingException"/>): text is never decoded into U+FFFD replacement characters.</summary>
public static partial class TextDecoder
{
    // Bytes Windows-1252 leaves undefined; Latin-1 reads them as C1 control characters, which no real text contains.
    private static readonly SearchValues<byte> Undefined1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    /// <summary>Decodes <paramref name="bytes"/> labelled with <paramref name="mediaType"/> (which may carry a charset parameter).</summary>
    /// <exception cref="TextEncodingException">The bytes are not text in any encoding we can tell (the message names the problem).</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string mediaType)
    {
        (Encoding encoding, int start) = Detect(bytes, mediaType);
        return encoding.GetString(bytes[start..]);
    }

    /// <summary>A reader of the text <see cref="Decode"/> would return, decoded as it is read rather than into one string (a long file's
    /// text is twice its size in memory).</summary>
    /// <remarks>The encoding is told, and every byte checked, before the reader is returned, so reading never fails on a bad byte.</remarks>
    /// <exception cref="TextEncodingException">As for <see cref="Decode"/>.</exception>
    public static TextReader OpenReader(byte[] bytes, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        (Encoding encoding, int start) = Detect(bytes, mediaType);
        return new StreamReader(new MemoryStream(bytes, start, bytes.Length - start, writable: false), encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024);
    }

    /// <summary>Why the bytes cannot be decoded as text (see <see cref="Decode"/>), or null when they can.</summary>
    public static string? Problem(ReadOnlySpan<byte> bytes, string mediaType)
    {
        try
        {
            Detect(bytes, mediaType);
            return null;
        }
        catch (TextEncodingException e)
        {
            return e.Reason;
        }
    }

    // The encoding of the bytes and where the text starts (after a byte order mark); every byte is checked, none decoded into a string.
    private static (Encoding Encoding, int Start) Detect(ReadOnlySpan<byte> bytes, string mediaType)
    {
        if (DetectBom(bytes) is { } bom)
        {
            return Strict(bom.Encoding, bytes[bom.Length..], out int offset) is { } valid
                ? (valid, bom.Length)
                : throw new TextEncodingException($"it starts with a {bom.Encoding.WebName} byte order mark but byte {offset + bom.Length} is not valid {bom.Encoding.WebName}");
        }

        // A declared charset is trusted only when the bytes agree: mislabelled pages (Latin-1 served as UTF-8) are common.
        string? declared = ContentTypes.Charset(mediaType)
            ?? (ContentTypes.BaseMediaType(mediaType) == "text/html" ? SniffHtmlCharset(bytes) : null);
        if (Lookup(declared) is { } labelled && Strict(labelled, bytes, out _) is { } agreed)
        {
            return (agreed, 0);
        }

        if (LooksLikeUtf16WithoutBom(bytes))
        {
            throw new TextEncodingException("it looks like UTF-16 text without a byte order mark; save it as UTF-8, or as UTF-16 with a byte order mark");
        }

        if (Strict(new UTF8Encoding(false, throwOnInvalidBytes: true), bytes, out int invalidAt) is { } utf8)
        {
            return (utf8, 0);
        }

        if (HasMultiByteUtf8(bytes[..invalidAt]))
        {
            throw new TextEncodingException($"it mixes UTF-8 with another encoding (byte 0x{bytes[invalidAt]:X2} at offset {invalidAt} is not valid UTF-8); save it in one encoding, preferably UTF-8");
        }

        int undefined = bytes.IndexOfAny(Undefined1252);
        if (undefined >= 0)
        {
            throw new TextEncodingException($"it is neither UTF-8 nor Windows-1252/Latin-1 text (byte 0x{bytes[undefined]:X2} at offset {undefined}); save it as UTF-8");
        }

        return (CodePagesEncodingProvider.Instance.GetEncoding(1252)!, 0);
    }

    /// <summary>True when text bytes contain NUL, which no text format here uses (UTF-16/32 with a byte order mark excepted, and UTF-16
    /// without one, which <see cref="Decode"/> refuses by name).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (DetectBom(bytes) is { } bom && bom.Encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return false;
        }

        return bytes.Contains((byte)0) && !LooksLikeUtf16WithoutBom(bytes);
    }

    private static (Encoding Encoding, int Length)? DetectBom(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false, throwOnInvalidBytes: true), 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        _ => null,
    };

    // The encoding, made to throw on bad bytes, when every byte is valid in it; null (and the offset of the first bad byte) when not.
    // Counting checks every byte without building the text; only a failure decodes, for the offset the messages give.
    private static Encoding? Strict(Encoding encoding, ReadOnlySpan<byte> bytes, out int invalidAt)
    {
        invalidAt = -1;
        Encoding strict = encoding.DecoderFallback is DecoderExceptionFallback
            ? encoding
            : Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            strict.GetCharCount(bytes);
            return strict;
        }
        catch (DecoderFallbackException)
        {
            try
            {
                strict.GetString(bytes);
                return strict;
            }
            catch (DecoderFallbackException e)
            {
                invalidAt = Math.Max(0, e.Index);
                return null;
            }
        }
    }

    // ASCII text saved as UTF-16 without a byte order mark: a NUL in every other byte, on the same side.
    private static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> bytes)
    {
        int pairs = Math.Min(bytes.Length, 512) / 2;
        if (pairs < 2)
        {
            return false;
        }

        int evenNuls = 0, oddNuls = 0;
        for (int i = 0; i < pairs * 2; i += 2)
        {
            evenNuls += bytes[i] == 0 ? 1 : 0;
            oddNuls += bytes[i + 1] == 0 ? 1 : 0;
        }

        return Math.Max(evenNuls, oddNuls) >= pairs * 0.6 && Math.Min(evenNuls, oddNuls) <= pairs * 0.05;
    }

    private static bool HasMultiByteUtf8(ReadOnlySpan<byte> validPrefix)
    {
        foreach (byte b in validPrefix)
        {
            if (b >= 0x80)
            {
                return true;
            }
        }

        return false;
    }

    private static Encoding? Lookup(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            // windows-1252 and friends live in the code-pages provider; use it without registering it process-wide.
            return CodePagesEncodingProvider.Instance.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    private static string? SniffHtmlCharset(ReadOnlySpan<byte> bytes)
    {
        string head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 2048)]);
        Match match = MetaCharset().Match(head);
        return match.Success ? match.Groups["charset"].Value : null;
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<charset>[A-Za-z0-9._:-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}

/// <summary>Text whose encoding cannot be told or that is not valid in the encoding it claims; the reason is one line for users.</summary>
public sealed class TextEncodingException : PermanentFailureException
{
    public TextEncodingException()
    {
    }

    public TextEncodingException(string reason)
        : base($"Cannot read the text: {reason}.")
    {
        Reason = reason;
    }

    public TextEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The problem, as a phrase without a final full stop ("it mixes UTF-8 with another encoding …").</summary>
    public string? Reason { get; }
}
