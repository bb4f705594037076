using System.Text;

namespace AutoIntel.Ingestion.Tests.Transcription;

public sealed class EncodingCheckTests
{
    private const string Text = "Grüße aus Köln, 世界 😀 — naïve café.\nZweite Zeile.\n";

    // Text whose sequences, byte order marks and bad bytes land on piece boundaries for some piece size; each long enough, in one
    // version, to run past the 2 KiB head the check reads first.
    public static TheoryData<string, byte[], string> Inputs()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(Text);
        byte[] latin1 = Encoding.Latin1.GetBytes("caf\u00E9 cr\u00E8me br\u00FBl\u00E9e");
        byte[] ascii = Encoding.ASCII.GetBytes(new string('a', 2045));
        var data = new TheoryData<string, byte[], string>
        {
            { "utf-8", utf8, "text/plain" },
            { "utf-8 past the head", [.. ascii, .. utf8, .. utf8], "text/plain" },
            { "utf-8 bom", [0xEF, 0xBB, 0xBF, .. utf8], "text/plain" },
            { "utf-16le bom", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Text + Text)], "text/plain" },
            { "utf-16be bom", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Text)], "text/plain" },
            { "utf-32le bom", [0xFF, 0xFE, 0x00, 0x00, .. Encoding.UTF32.GetBytes(Text)], "text/plain" },
            { "utf-16 bom, broken surrogate", [0xFF, 0xFE, (byte)'a', 0x00, 0x00, 0xD8, (byte)'b', 0x00], "text/plain" },
            { "utf-16 bom, odd length", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Text), 0x41], "text/plain" },
            { "truncated sequence inside", [.. utf8, 0xE2, 0x82, (byte)'x', .. utf8], "text/plain" },
            { "truncated sequence past the head", [.. ascii, 0xE2, 0x82, (byte)'x'], "text/plain" },
            { "truncated sequence at the end", [.. utf8, 0xF0, 0x9F, 0x98], "text/plain" },
            { "utf-8 mixed with latin-1", [.. utf8, .. latin1], "text/plain" },
            { "utf-8 mixed with latin-1 past the head", [.. ascii, .. utf8, .. latin1], "text/plain" },
            { "latin-1", [.. latin1, .. ascii, .. latin1], "text/plain" },
            { "undefined in windows-1252", [.. Encoding.ASCII.GetBytes("abc "), 0xE9, 0x81, 0x8D, (byte)'z'], "text/plain" },
            { "undefined past the head", [.. ascii, .. latin1, 0x9D], "text/plain" },
            { "declared latin-1", latin1, "text/plain; charset=iso-8859-1" },
            { "declared utf-8 but latin-1", latin1, "text/plain; charset=utf-8" },
            { "html meta charset", [.. Encoding.ASCII.GetBytes("<html><head><meta charset=\"windows-1252\"></head><body>"), .. latin1], "text/html" },
            { "utf-16 without bom", Encoding.Unicode.GetBytes("Hello, this is a transcript saved as UTF-16 without a byte order mark."), "text/plain" },
            { "nul in utf-8", [.. utf8, 0, .. utf8], "text/plain" },
            { "empty", [], "text/plain" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Append_AnyPieceSizes_TellsWhatTheWholeBytesTell(string name, byte[] bytes, string mediaType)
    {
        EncodingCheck whole = Check(bytes, mediaType, bytes.Length + 1);

        foreach (int size in new[] { 1, 2, 3, 5, 7, 64, 2047, 2049 })
        {
            EncodingCheck pieces = Check(bytes, mediaType, size);

            pieces.Problem.Should().Be(whole.Problem, $"{name} in {size}-byte pieces");
            pieces.LooksBinary.Should().Be(whole.LooksBinary, $"{name} in {size}-byte pieces");
            if (whole.Problem is null)
            {
                pieces.Result.Should().Be(whole.Result, $"{name} in {size}-byte pieces");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Problem_BadUtf8_OffsetIsWhereTheWholeDecodeFails(string name, byte[] bytes, string mediaType)
    {
        string? problem = Check(bytes, mediaType, 3).Problem;
        if (problem is null || !problem.StartsWith("it mixes UTF-8", StringComparison.Ordinal))
        {
            return;
        }

        Action decode = () => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        int at = decode.Should().Throw<DecoderFallbackException>().Which.Index;
        problem.Should().Contain($"(byte 0x{bytes[at]:X2} at offset {at} is not valid UTF-8)", name);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task DetectAsync_ThenOpenReader_ReadsWhatDecodeReturns(string name, byte[] bytes, string mediaType)
    {
        if (TextDecoder.Problem(bytes, mediaType) is not null)
        {
            Func<Task> detect = () => TextDecoder.DetectAsync(new MemoryStream(bytes), mediaType);
            await detect.Should().ThrowAsync<TextEncodingException>(name);
            return;
        }

        DetectedEncoding encoding = await TextDecoder.DetectAsync(new MemoryStream(bytes), mediaType);
        using TextReader reader = TextDecoder.OpenReader(new MemoryStream(bytes), encoding);

        (await reader.ReadToEndAsync()).Should().Be(TextDecoder.Decode(bytes, mediaType), name);
    }

    private static EncodingCheck Check(byte[] bytes, string mediaType, int pieceBytes)
    {
        var check = new EncodingCheck(mediaType);
        foreach (byte[] piece in bytes.Chunk(pieceBytes))
        {
            check.Append(piece);
        }

        check.Complete();
        return check;
    }
}
