using System.Text;
using System.Text.RegularExpressions;

namespace AutoIntel.Ingestion;

/// <summary>Turns stored bytes into text: byte order mark first, then the Content-Type charset, then an HTML meta charset, else UTF-8.</summary>
public static partial class TextDecoder
{
    /// <summary>Decodes <paramref name="bytes"/> labelled with <paramref name="mediaType"/> (which may carry a charset parameter).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string mediaType)
    {
        if (DetectBom(bytes) is { } bom)
        {
            return bom.Encoding.GetString(bytes[bom.Length..]);
        }

        Encoding encoding = Lookup(ContentTypes.Charset(mediaType))
            ?? (ContentTypes.BaseMediaType(mediaType) == "text/html" ? Lookup(SniffHtmlCharset(bytes)) : null)
            ?? Encoding.UTF8;
        return encoding.GetString(bytes);
    }

    /// <summary>True when text bytes contain NUL, which no text format here uses (UTF-16/32 with a byte order mark excepted).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (DetectBom(bytes) is { } bom && bom.Encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return false;
        }

        return bytes.Contains((byte)0);
    }

    private static (Encoding Encoding, int Length)? DetectBom(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false), 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2),
        _ => null,
    };

    private static Encoding? Lookup(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            // windows-1252 and friends live in the code-pages provider; use it without registering it process-wide.
            return CodePagesEncodingProvider.Instance.GetEncoding(name);
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
