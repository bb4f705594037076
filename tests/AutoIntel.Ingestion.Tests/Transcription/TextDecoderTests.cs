using System.Text;

namespace AutoIntel.Ingestion.Tests.Transcription;

public sealed class TextDecoderTests
{
    [Fact]
    public void Decode_Utf16Bom_WinsOverContentType()
    {
        byte[] bytes = [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes("Grüße")];

        TextDecoder.Decode(bytes, "text/plain; charset=iso-8859-1").Should().Be("Grüße");
        TextDecoder.LooksBinary(bytes).Should().BeFalse();
    }

    [Fact]
    public void Decode_ContentTypeCharset_Used()
    {
        byte[] latin1 = Encoding.Latin1.GetBytes("café");

        TextDecoder.Decode(latin1, "text/plain; charset=ISO-8859-1").Should().Be("café");
    }

    [Fact]
    public void Decode_HtmlMetaCharsetWindows1252_Used()
    {
        byte[] html = [.. Encoding.ASCII.GetBytes("<html><head><meta charset=\"windows-1252\"></head><body>"), 0x93, (byte)'q', 0x94];

        TextDecoder.Decode(html, "text/html").Should().Contain("\u201Cq\u201D");
    }

    [Fact]
    public void Decode_NoHints_Utf8()
    {
        TextDecoder.Decode(Encoding.UTF8.GetBytes("✓ ok"), "text/plain").Should().Be("✓ ok");
    }

    public static TheoryData<string, byte[]> Encoded => new()
    {
        { "utf-16le with bom", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Sample)] },
        { "utf-16be with bom", [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(Sample)] },
        { "utf-8 with bom", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Sample)] },
        { "utf-8", Encoding.UTF8.GetBytes(Sample) },
        { "windows-1252", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Sample) },
    };

    // Accents, curly quotes, a dash and the euro sign: each is a different byte in every one of these encodings.
    private const string Sample = "Caf\u00E9 cr\u00E8me: \u201Cna\u00EFve\u201D \u2014 \u20AC5, Gr\u00FC\u00DFe.";

    [Theory]
    [MemberData(nameof(Encoded))]
    public void Decode_UnlabelledText_DetectsTheEncodingWithoutReplacementCharacters(string encoding, byte[] bytes)
    {
        string text = TextDecoder.Decode(bytes, "text/plain");

        text.Should().Be(Sample, encoding);
        text.Should().NotContain("\uFFFD");
        TextDecoder.LooksBinary(bytes).Should().BeFalse();
    }

    [Fact]
    public void Decode_UnlabelledLatin1_ReadAsWindows1252()
    {
        byte[] latin1 = Encoding.Latin1.GetBytes("Fa\u00E7ade, \u00BD price, na\u00EFve se\u00F1or");

        TextDecoder.Decode(latin1, "text/plain").Should().Be("Fa\u00E7ade, \u00BD price, na\u00EFve se\u00F1or");
    }

    [Fact]
    public void Decode_MislabelledLatin1AsUtf8_DecodedNotReplaced()
    {
        byte[] latin1 = Encoding.Latin1.GetBytes("caf\u00E9 au lait");

        TextDecoder.Decode(latin1, "text/plain; charset=utf-8").Should().Be("caf\u00E9 au lait");
    }

    [Fact]
    public void Decode_Utf8MixedWithLatin1_RefusedNamingTheProblem()
    {
        byte[] mixed = [.. Encoding.UTF8.GetBytes("caf\u00E9 "), .. Encoding.Latin1.GetBytes("cr\u00E8me")];

        Action act = () => TextDecoder.Decode(mixed, "text/plain");

        act.Should().Throw<TextEncodingException>().WithMessage("*mixes UTF-8 with another encoding (byte 0xE8 at offset 8*")
            .Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public void Decode_Utf16WithoutBom_RefusedNamingTheProblemNotCalledBinary()
    {
        byte[] bytes = Encoding.Unicode.GetBytes("Hello, this is a transcript saved as UTF-16 without a byte order mark.");

        TextDecoder.LooksBinary(bytes).Should().BeFalse();
        TextDecoder.Problem(bytes, "text/plain").Should().StartWith("it looks like UTF-16 text without a byte order mark");
    }

    [Fact]
    public void Decode_BytesUndefinedInWindows1252_Refused()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("abc "), 0x81, 0x8D, (byte)'z'];

        TextDecoder.Problem(bytes, "text/plain").Should().Be("it is neither UTF-8 nor Windows-1252/Latin-1 text (byte 0x81 at offset 4); save it as UTF-8");
    }

    [Fact]
    public void Decode_Utf16BomWithBrokenSurrogate_Refused()
    {
        byte[] bytes = [0xFF, 0xFE, (byte)'a', 0x00, 0x00, 0xD8, (byte)'b', 0x00];

        TextDecoder.Problem(bytes, "text/plain").Should().StartWith("it starts with a utf-16 byte order mark but byte");
    }

    [Fact]
    public void LooksBinary_NulInUtf8_True()
    {
        TextDecoder.LooksBinary([65, 0, 66]).Should().BeTrue();
    }
}
