using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Transcription;

namespace AutoIntel.Ingestion.Tests.Transcription;

public sealed class PlainTextParserTests
{
    [Fact]
    public void Parse_PlainText_OneSegmentPerParagraph()
    {
        string text = "First line\nwrapped here.\r\n\r\n\r\nSecond paragraph.\n   \nThird.";

        PlainTextParser.Parse(text, markdown: false).Select(s => s.Text).Should().Equal("First line wrapped here.", "Second paragraph.", "Third.");
    }

    [Fact]
    public void Parse_Markdown_HeadingsListsAndLinksSimplified()
    {
        string md = "# Title #\n\nSee [the report](https://example.com/r) now.\n\n- one\n- two\n\n```\ncode\n```\n---\nEnd.";

        PlainTextParser.Parse(md, markdown: true).Select(s => s.Text).Should().Equal("Title", "See the report now.", "- one", "- two", "code", "End.");
    }

    [Fact]
    public void Parse_WhitespaceOnly_NoSegments()
    {
        PlainTextParser.Parse(" \n\t\n", markdown: false).Should().BeEmpty();
    }

    [Fact]
    public void Parse_LineOfUnclosedLinkBrackets_KeptAsText()
    {
        // With a backtracking link pattern this line cost time quadratic in its length.
        string line = new('[', 200_000);

        IReadOnlyList<TranscriptSegment> segments = PlainTextParser.Parse($"{line}\n\n[a](https://example.com) b", markdown: true);

        segments.Should().HaveCount(2);
        (segments[0].Text == line).Should().BeTrue("brackets that never close are kept as text");
        segments[1].Text.Should().Be("a b");
    }

    [Fact]
    public void Parse_CancelledToken_StopsReading()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Action act = () => PlainTextParser.Parse("text", markdown: false, cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }
}
