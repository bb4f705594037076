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
            "Wind supplied 20 % of power last year.",
            "Critics say storage is the bottleneck.",
            "First point.",
            "Second point.");
    }

    [Fact]
    public void Extract_NoArticleOrMain_UsesBodyWithoutChrome()
    {
        string html = "<html><body><nav>Menu</nav><div>Intro <span>text</span><p>Para</p>tail</div><script>x()</script><footer>f</footer></body></html>";

        HtmlText result = HtmlTextExtractor.Extract(html);

        result.Blocks.Should().Equal("Intro text.", "Para.", "tail.");
        result.Title.Should().BeNull();
    }

    [Fact]
    public void Extract_TitleFallsBackToTitleElementThenH1()
    {
        HtmlTextExtractor.ReadTitle("<html><head><title> Page  title </title></head><body><h1>H</h1></body></html>").Should().Be("Page title");
        HtmlTextExtractor.ReadTitle("<html><body><h1>Heading &amp; more</h1></body></html>").Should().Be("Heading & more");
    }

    [Fact]
    public void Extract_HeadingsAndListItems_EndTheirSentences()
    {
        string html = "<article><h2>What happens next</h2><p>Ministers will decide</p><h3>Is it \"fair\"?</h3><ul><li>Costs rise,</li></ul><p>Done.</p></article>";

        HtmlText result = HtmlTextExtractor.Extract(html);

        result.Blocks.Should().Equal("What happens next.", "Ministers will decide.", "Is it \"fair\"?", "Costs rise.", "Done.");
    }

    [Fact]
    public void Extract_TitleWithSiteName_PrefersHeadlineAndDropsItFromBody()
    {
        string html = "<html><head><title>Trial ends early | The Courier</title></head><body><article><h1>Trial ends early</h1><p>The trial ended.</p></article></body></html>";

        HtmlText result = HtmlTextExtractor.Extract(html);

        result.Title.Should().Be("Trial ends early");
        result.Blocks.Should().Equal("The trial ended.");
    }

    [Theory]
    [InlineData("<p class=\"byline\">By Ruth Adeyemi, Work Correspondent · 21 February 2023</p>")]
    [InlineData("<p>By Ruth Adeyemi, Work Correspondent</p>")]
    [InlineData("<div><time datetime=\"2023-02-21\">21 February 2023</time></div>")]
    [InlineData("<p>Updated 21 February 2023, 10:04 GMT</p>")]
    [InlineData("<address>Ruth Adeyemi, Bristol</address>")]
    public void Extract_BylinesAndDatelines_AreDropped(string credit)
    {
        HtmlText result = HtmlTextExtractor.Extract($"<article><h1>Headline</h1>{credit}<p>The trial ended on <time>Tuesday</time>.</p></article>");

        result.Blocks.Should().Equal("The trial ended on Tuesday.");
    }

    [Fact]
    public void Extract_SentenceStartingWithBy_KeptButBareByFragmentDropped()
    {
        HtmlText result = HtmlTextExtractor.Extract("<article><p>By March the pilot had ended.</p><p>By Tuesday</p></article>");

        result.Blocks.Should().Equal("By March the pilot had ended.");
    }

    [Fact]
    public void Extract_OnlyScripts_NoBlocks()
    {
        HtmlTextExtractor.Extract("<html><head><script>alert(1)</script></head><body><style>p{}</style></body></html>").Blocks.Should().BeEmpty();
    }

    [Fact]
    public void Extract_NestedAtTheDepthLimit_ReadsEveryBlock()
    {
        // <html> and <body> take two levels.
        string html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>x", HtmlTextExtractor.MaxDepth - 2));

        HtmlText result = HtmlTextExtractor.Extract(html);

        result.Blocks.Should().HaveCount(HtmlTextExtractor.MaxDepth - 2).And.OnlyContain(b => b == "x.");
    }

    [Theory]
    [InlineData(HtmlTextExtractor.MaxDepth - 1)]
    [InlineData(200_000)]
    public void Extract_NestedPastTheDepthLimit_RefusedWithFormatException(int divs)
    {
        string html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>x", divs));

        Action extract = () => HtmlTextExtractor.Extract(html);
        Action title = () => HtmlTextExtractor.ReadTitle(html);

        extract.Should().Throw<FormatException>().WithMessage($"it nests HTML elements more than {HtmlTextExtractor.MaxDepth} deep");
        title.Should().Throw<FormatException>();
    }

    [Fact]
    public void Extract_MoreElementsThanTheLimit_RefusedWithFormatException()
    {
        string html = "<html><body>" + string.Concat(Enumerable.Repeat("<b></b>", HtmlTextExtractor.MaxElements));

        Action act = () => HtmlTextExtractor.Extract(html);

        act.Should().Throw<FormatException>().WithMessage("it has more than 250,000 HTML elements");
    }

    [Fact]
    public void Extract_CancelledToken_StopsParsing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Action act = () => HtmlTextExtractor.Extract("<html><body><p>Text</p></body></html>", cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Extract_TranscriptSpeakerMarkup_BecomesNameLabels()
    {
        const string html = """
            <html><body><main>
              <p><b>Ruth Adeyemi:</b> Rents rose 9% last year.</p>
              <p><span class="speaker">Tom Hale</span> That figure is for London only.</p>
              <div class="turn"><div class="transcript__speaker">Ruth Adeyemi</div><p>Nationally it was 7%.</p></div>
              <p data-speaker="Tom Hale">Still the fastest rise since 2008.</p>
            </main></body></html>
            """;

        HtmlText result = HtmlTextExtractor.Extract(html);

        result.Blocks.Should().Equal(
            "Ruth Adeyemi: Rents rose 9% last year.",
            "Tom Hale: That figure is for London only.",
            "Ruth Adeyemi: Nationally it was 7%.",
            "Tom Hale: Still the fastest rise since 2008.");
    }

    [Fact]
    public void Extract_LongSpeakerClassedWrapper_NotTakenForALabel()
    {
        const string html = "<main><div class=\"speaker-turn\"><p>One two three four five six seven eight.</p></div></main>";

        HtmlTextExtractor.Extract(html).Blocks.Should().Equal("One two three four five six seven eight.");
    }
}
