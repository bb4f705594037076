using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Transcription;

namespace AutoIntel.Ingestion.Tests.Transcription;

public sealed class SubtitleParserTests
{
    [Fact]
    public void Parse_SrtFixture_TimedCleanSegments()
    {
        IReadOnlyList<TranscriptSegment> segments = SubtitleParser.Parse(File.ReadAllText("Fixtures/sample.srt"));

        segments.Select(s => s.Text).Should().Equal("Welcome to the show.", "Today we talk about solar & wind power.", "Thanks for watching.");
        segments[1].Start.Should().Be(TimeSpan.FromMilliseconds(4500));
        segments[1].End.Should().Be(TimeSpan.FromMilliseconds(7250));
    }

    [Fact]
    public void Read_LongSrt_FirstSegmentsBeforeMostLinesAreRead()
    {
        string srt = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{i + 1}\n00:00:{i % 60:D2},000 --> 00:00:{i % 60:D2},500\nLine {i}.\n\n"));
        var reader = new LineCountingReader(srt);

        TranscriptSegment first = SubtitleParser.Read(reader).First();

        first.Text.Should().Be("Line 0.");
        reader.Lines.Should().BeLessThan(100, "cues are merged and handed on as they are read, not after the whole file");
    }

    [Fact]
    public void Read_RollingCaptions_SameSegmentsAsParse()
    {
        const string vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\none\n\n00:00:02.000 --> 00:00:03.000\none\n\n00:00:03.000 --> 00:00:04.000\none\ntwo\n\n"
            + "00:00:04.000 --> 00:00:05.000\n<v Ann>three</v> <v Bo>four\n";

        SubtitleParser.Read(new StringReader(vtt)).Should().Equal(SubtitleParser.Parse(vtt));
        SubtitleParser.Parse(vtt)[0].End.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Parse_VttFixture_SkipsHeaderStyleNoteAndIdentifiers()
    {
        IReadOnlyList<TranscriptSegment> segments = SubtitleParser.Parse(File.ReadAllText("Fixtures/sample.vtt"));

        segments.Select(s => s.Text).Should().Equal("Hello everyone.", "Second cue <here>");
        segments[0].Speaker.Should().Be("Alice");
        segments[1].Start.Should().Be(TimeSpan.FromMilliseconds(3500));
    }

    [Fact]
    public void Parse_BomCrlfAndMissingBlankLines_Tolerated()
    {
        string srt = "\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nFirst line\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\nSecond line\r\n";

        IReadOnlyList<TranscriptSegment> segments = SubtitleParser.Parse(srt);

        segments.Select(s => s.Text).Should().Equal("First line", "Second line");
    }

    [Fact]
    public void Parse_RollingCaptions_RepeatsMergedIntoNewTextOnly()
    {
        string vtt = """
            WEBVTT

            00:00:00.000 --> 00:00:02.000
            so today we

            00:00:02.000 --> 00:00:02.010
            so today we

            00:00:02.010 --> 00:00:04.000
            so today we
            are looking at

            00:00:04.000 --> 00:00:06.000
            are looking at
            the budget
            """;

        IReadOnlyList<TranscriptSegment> segments = SubtitleParser.Parse(vtt);

        segments.Select(s => s.Text).Should().Equal("so today we", "are looking at", "the budget");
        segments[0].End.Should().Be(TimeSpan.FromMilliseconds(2010));
    }

    [Fact]
    public void Parse_WordByWordGrowth_KeepsOnlyNewWords()
    {
        string srt = "1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:02,000 --> 00:00:03,000\nhello world\n";

        SubtitleParser.Parse(srt).Select(s => s.Text).Should().Equal("hello", "world");
    }

    [Theory]
    [InlineData("1\n00:00:01,000 -> 00:00:02,000\nText\n", "no cue timings")]
    [InlineData("1\n00:00:xx,000 --> 00:00:02,000\nText\n", "line 2")]
    [InlineData("1\n00:00:05,000 --> 00:00:02,000\nText\n", "ends")]
    [InlineData("1\n00:00:01,000 --> 00:61:02,000\nText\n", "line 2")]
    [InlineData("<html><body>Not subtitles</body></html>", "no cue timings")]
    [InlineData("Some prose first\nand more\n\n1\n00:00:01,000 --> 00:00:02,000\nText\n", "line 1")]
    [InlineData("WEBVTT\n\nNOTE nothing else\n", "no cues")]
    public void Parse_Malformed_ThrowsFormatExceptionWithWhere(string text, string expected)
    {
        Action act = () => SubtitleParser.Parse(text);

        act.Should().Throw<FormatException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Parse_CuesOfManyLines_ComparesOnlyTheRollingTail()
    {
        // Two cues of 50,000 identical lines: comparing every overlap length would be quadratic; the second cue is new text
        // beyond the last few lines the first one showed, so it stays.
        string lines = string.Join('\n', Enumerable.Repeat("same line", 50_000));
        string srt = $"1\n00:00:01,000 --> 00:00:02,000\n{lines}\n\n2\n00:00:02,000 --> 00:00:03,000\n{lines}\n";

        IReadOnlyList<TranscriptSegment> segments = SubtitleParser.Parse(srt);

        segments.Should().HaveCount(2);
    }

    [Fact]
    public void Parse_CrLfAndLoneCr_ReadAsLineBreaks()
    {
        string srt = "\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nHello\r\n\r2\r00:00:02,000 --> 00:00:03,000\rworld\r";

        SubtitleParser.Parse(srt).Select(s => s.Text).Should().Equal("Hello", "world");
    }

    [Fact]
    public void Parse_CancelledToken_StopsReading()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Action act = () => SubtitleParser.Parse("1\n00:00:01,000 --> 00:00:02,000\nHello\n", cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Parse_LineOfUnclosedTags_KeptAsText()
    {
        // With a backtracking tag pattern this line cost time quadratic in its length (no ">" ever closes a tag).
        string line = string.Concat(Enumerable.Repeat("<a", 100_000));

        IReadOnlyList<TranscriptSegment> segments = SubtitleParser.Parse($"1\n00:00:01,000 --> 00:00:02,000\n{line}\n");

        segments.Should().ContainSingle();
        (segments[0].Text == line).Should().BeTrue("a line with no complete tag is kept as it is");
    }

    [Fact]
    public void Parse_VttVoices_ClassesClosingTagsAndEntitiesPerTheSpec()
    {
        const string vtt = """
            WEBVTT

            00:00:01.000 --> 00:00:04.000
            <v.loud.first Esme Rowe>It's a blue apple tree!</v>

            00:00:04.000 --> 00:00:06.000
            <v Mary &amp; Co>No way!</v>

            00:00:06.000 --> 00:00:08.000
            Unvoiced narration.
            """;

        IReadOnlyList<TranscriptSegment> segments = SubtitleParser.Parse(vtt);

        segments.Select(s => (s.Speaker, s.Text)).Should().Equal(
            ("Esme Rowe", "It's a blue apple tree!"), ("Mary & Co", "No way!"), ((string?)null, "Unvoiced narration."));
    }

    [Fact]
    public void Parse_VttCueWithTwoVoices_OneSegmentPerVoice()
    {
        const string vtt = """
            WEBVTT

            00:00:01.000 --> 00:00:04.000
            <v Esme>Did you hear that?</v> <v Mary>Hear what?</v>

            00:00:04.000 --> 00:00:08.000
            <v Esme>The tree.
            It sang.
            <v Mary>Trees don't sing.
            """;

        IReadOnlyList<TranscriptSegment> segments = SubtitleParser.Parse(vtt);

        segments.Select(s => (s.Speaker, s.Text)).Should().Equal(
            ("Esme", "Did you hear that?"), ("Mary", "Hear what?"), ("Esme", "The tree. It sang."), ("Mary", "Trees don't sing."));
        segments[3].Start.Should().Be(TimeSpan.FromSeconds(4), "a cue's voices share its timing");
    }

    [Fact]
    public void Parse_VttRollingCaptionsWithVoices_RepeatsMergedSpeakerKept()
    {
        const string vtt = """
            WEBVTT

            00:00:01.000 --> 00:00:03.000
            <v Ann>first line

            00:00:03.000 --> 00:00:05.000
            <v Ann>first line
            <v Ann>second line
            """;

        IReadOnlyList<TranscriptSegment> segments = SubtitleParser.Parse(vtt);

        segments.Select(s => (s.Speaker, s.Text)).Should().Equal(("Ann", "first line"), ("Ann", "second line"));
    }

    private sealed class LineCountingReader(string text) : TextReader
    {
        private readonly StringReader _inner = new(text);

        public int Lines { get; private set; }

        public override string? ReadLine()
        {
            Lines++;
            return _inner.ReadLine();
        }

        public override int Peek() => _inner.Peek();

        public override int Read() => _inner.Read();
    }
}
