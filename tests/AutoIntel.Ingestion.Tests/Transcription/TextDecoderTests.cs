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

    [Fact]
    public void LooksBinary_NulInUtf8_True()
    {
        TextDecoder.LooksBinary([65, 0, 66]).Should().BeTrue();
    }
}
