using AutoIntel.Ingestion.Feeds;
using System.Text;

namespace AutoIntel.Ingestion.Tests.Feeds;

public sealed class FeedParserTests
{
    private static readonly Uri Base = new("https://feeds.example/show/rss");

    [Theory]
    [InlineData("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00+00:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T04:00:00+02:00")]
    [InlineData("10 Jun 2003 04:00 PDT", "2003-06-10T04:00:00-07:00")]
    [InlineData("Wed, 5 Mar 2025 17:30:00 -0500", "2025-03-05T17:30:00-05:00")]
    [InlineData("2025-03-05T17:30:00Z", "2025-03-05T17:30:00+00:00")]
    public void ParseRfc822_FeedDates_Read(string value, string expected) =>
        FeedParser.ParseRfc822(value).Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("")]
    [InlineData("last Tuesday")]
    public void ParseRfc822_Unreadable_Null(string value) =>
        FeedParser.ParseRfc822(value).Should().BeNull();

    [Fact]
    public void Parse_BillionLaughs_RefusedWithoutExpanding()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <rss><channel><title>&c;</title></channel></rss>
            """;

        Action act = () => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), Base, "feed");

        act.Should().Throw<ContentRefusedException>().WithMessage("Refused feed: the feed declares a DTD*");
    }

    [Fact]
    public void Parse_RssWithoutChannel_Refused()
    {
        Action act = () => FeedParser.Parse(Encoding.UTF8.GetBytes("<rss version=\"2.0\"/>"), Base, "feed");

        act.Should().Throw<ContentRefusedException>().WithMessage("Refused feed: the RSS feed has no <channel>.*");
    }

    [Fact]
    public void Parse_ItemFields_ReadAndLinksResolved()
    {
        string xml = FeedXml.Rss(
            "  The   Show ",
            FeedXml.Item("Ep", "g-1", "Mon, 03 Mar 2025 09:00:00 GMT", FeedXml.Transcript("t.vtt", "text/VTT"), FeedXml.Enclosure("https://cdn.example/a.mp3", "audio/mpeg; codecs=mp3")),
            "<item><itunes:title>Only itunes</itunes:title><enclosure url=\"b.m4a\"/></item>",
            "<item/>");

        PodcastFeed feed = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), Base, "feed");

        feed.Format.Should().Be("RSS");
        feed.Title.Should().Be("The Show");
        feed.Items.Select(i => i.Title).Should().Equal("Ep", "Only itunes", "Untitled episode 3");
        feed.Items[0].Transcripts.Should().Equal(new FeedLink(new Uri("https://feeds.example/show/t.vtt"), "text/vtt", Language: "en"));
        feed.Items[0].Enclosures.Should().Equal(new FeedLink(new Uri("https://cdn.example/a.mp3"), "audio/mpeg"));
        feed.Items[1].Id.Should().BeNull();
        EpisodePicker.AudioEnclosure(feed.Items[1])!.Url.AbsoluteUri.Should().Be("https://feeds.example/show/b.m4a", "an undeclared type is judged by the file extension");
    }

    [Fact]
    public void Pick_UndatedItems_FirstInFeedIsNewest()
    {
        var feed = new PodcastFeed("RSS", "S", [Item(0, "a", null), Item(1, "b", null)]);

        EpisodePicker.Pick(feed, null, "feed").Title.Should().Be("a");
    }

    [Fact]
    public void Pick_NewestHasNoMedia_NewestUsableTaken()
    {
        var bare = new FeedItem(0, "announcement", null, DateTimeOffset.Parse("2025-03-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), [], []);
        var feed = new PodcastFeed("RSS", "S", [bare, Item(1, "episode", DateTimeOffset.Parse("2025-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture))]);

        EpisodePicker.Pick(feed, "", "feed").Title.Should().Be("episode");
    }

    [Fact]
    public void BestTranscript_PrefersVttThenSrtThenHtmlThenPlain_SkipsJson()
    {
        FeedItem item = new(0, "e", null, null,
        [
            new FeedLink(new Uri("https://x.example/t.json"), "application/json"),
            new FeedLink(new Uri("https://x.example/t.txt"), "text/plain"),
            new FeedLink(new Uri("https://x.example/t.html"), "text/html"),
            new FeedLink(new Uri("https://x.example/t.srt"), "application/srt"),
        ], []);

        EpisodePicker.BestTranscript(item)!.Url.AbsolutePath.Should().Be("/t.srt");
        EpisodePicker.BestTranscript(item with { Transcripts = [item.Transcripts[0]] }).Should().BeNull();
    }

    private static FeedItem Item(int position, string title, DateTimeOffset? published) =>
        new(position, title, null, published, [], [new FeedLink(new Uri($"https://x.example/{title}.mp3"), "audio/mpeg")]);

    [Fact]
    public void Parse_NestedPastTheDepthLimit_Refused()
    {
        const int levels = 200_000;
        string xml = "<rss><channel><title>" + string.Concat(Enumerable.Repeat("<a>", levels)) + "x" + string.Concat(Enumerable.Repeat("</a>", levels)) + "</title></channel></rss>";

        Action act = () => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), Base, "show");

        act.Should().Throw<ContentRefusedException>().WithMessage($"Refused show: the feed nests XML elements more than {FeedParser.MaxDepth} deep.*");
    }
}
