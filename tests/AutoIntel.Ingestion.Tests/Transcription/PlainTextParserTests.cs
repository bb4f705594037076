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
}
