using AutoIntel.Ingestion.Transcription;

namespace AutoIntel.Ingestion.Tests.Transcription;

public sealed class HtmlTextExtractorTests
{
    [Fact]
    public void Extract_ArticleFixture_ReadableBlocksOnly()
    {
        HtmlText result = HtmlTextExtractor.Extract(File.ReadAllText("Fixtures/article.html"));

        result.Title.Should().Be("Wind power & the grid");
        result.Blocks.Should().Equal(
            "Wind power & the grid",
            "Wind supplied 20 % of power last year.",
            "Critics say storage is the bottleneck.",
            "First point",
            "Second point");
    }

    [Fact]
    public void Extract_NoArticleOrMain_UsesBodyWithoutChrome()
    {
        string html = "<html><body><nav>Menu</nav><div>Intro <span>text</span><p>Para</p>tail</div><script>x()</script><footer>f</footer></body></html>";

        HtmlText result = HtmlTextExtractor.Extract(html);

        result.Blocks.Should().Equal("Intro text", "Para", "tail");
        result.Title.Should().BeNull();
    }

    [Fact]
    public void Extract_TitleFallsBackToTitleElementThenH1()
    {
        HtmlTextExtractor.ReadTitle("<html><head><title> Page  title </title></head><body><h1>H</h1></body></html>").Should().Be("Page title");
        HtmlTextExtractor.ReadTitle("<html><body><h1>Heading &amp; more</h1></body></html>").Should().Be("Heading & more");
    }

    [Fact]
    public void Extract_OnlyScripts_NoBlocks()
    {
        HtmlTextExtractor.Extract("<html><head><script>alert(1)</script></head><body><style>p{}</style></body></html>").Blocks.Should().BeEmpty();
    }
}
