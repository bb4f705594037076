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
    // How much of the stored text a reader holds at a time: its char buffer stays well under the large object heap's 85,000 bytes.
    private const int ReaderBufferBytes = 16 * 1024;

    // The pieces DetectAsync reads a stream in.
    private const int PieceBytes = 64 * 1024;

    /// <summary>Decodes <paramref name="bytes"/> labelled with <paramref name="mediaType"/> (which may carry a charset parameter).</summary>
    /// <exception cref="TextEncodingException">The bytes are not text in any encoding we can tell (the message names the problem).</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string mediaType)
    {
        DetectedEncoding detected = Check(bytes, mediaType).Result;
        return detected.Encoding.GetString(bytes[detected.Start..]);
    }

    /// <summary>A reader of the text <see cref="Decode"/> would return, decoded as it is read rather than into one string (a long file's
    /// text is twice its size in memory).</summary>
    /// <remarks>The encoding is told, and every byte checked, before the reader is returned, so reading never fails on a bad byte.</remarks>
    /// <exception cref="TextEncodingException">As for <see cref="Decode"/>.</exception>
    public static TextReader OpenReader(byte[] bytes, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return OpenReader(new MemoryStream(bytes, writable: false), Check(bytes, mediaType).Result);
    }

    /// <summary>A reader of the text in <paramref name="stream"/> (which it disposes), in the encoding <see cref="DetectAsync"/> told for
    /// the same bytes; the byte order mark, if any, is skipped.</summary>
    public static TextReader OpenReader(Stream stream, DetectedEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(encoding);
        stream.ReadExactly(new byte[encoding.Start]);
        return new StreamReader(stream, encoding.Encoding, detectEncodingFromByteOrderMarks: false, ReaderBufferBytes);
    }

    /// <summary>The encoding of the text in <paramref name="stream"/>, read to its end in bounded pieces, as <see cref="Decode"/> tells it.</summary>
    /// <exception cref="TextEncodingException">As for <see cref="Decode"/>.</exception>
    public static async Task<DetectedEncoding> DetectAsync(Stream stream, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var check = new EncodingCheck(mediaType);
        byte[] piece = ArrayPool<byte>.Shared.Rent(PieceBytes);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(piece.AsMemory(0, PieceBytes), cancellationToken)) > 0)
            {
                check.Append(piece.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(piece);
        }

        check.Complete();
        return check.Result;
    }

    /// <summary>Why the bytes cannot be decoded as text (see <see cref="Decode"/>), or null when they can.</summary>
    public static string? Problem(ReadOnlySpan<byte> bytes, string mediaType) => Check(bytes, mediaType).Problem;

    /// <summary>True when text bytes contain NUL, which no text format here uses (UTF-16/32 with a byte order mark excepted, and UTF-16
    /// without one, which <see cref="Decode"/> refuses by name).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes) => Check(bytes, "text/plain").LooksBinary;

    private static EncodingCheck Check(ReadOnlySpan<byte> bytes, string mediaType)
    {
        var check = new EncodingCheck(mediaType);
        check.Append(bytes);
        check.Complete();
        return check;
    }

    internal static (Encoding Encoding, int Length)? DetectBom(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false, throwOnInvalidBytes: true), 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        _ => null,
    };

    // ASCII text saved as UTF-16 without a byte order mark: a NUL in every other byte, on the same side.
    internal static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> bytes)
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

    internal static Encoding? Lookup(string? name)
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

    internal static string? SniffHtmlCharset(ReadOnlySpan<byte> bytes)
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
