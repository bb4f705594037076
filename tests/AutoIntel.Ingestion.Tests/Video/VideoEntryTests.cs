using AutoIntel.Ingestion.Video;

namespace AutoIntel.Ingestion.Tests.Video;

/// <summary>What a watch takes from yt-dlp's <c>--flat-playlist</c> listing, and which links are listed as channels.</summary>
public sealed class VideoEntryTests
{
    private static readonly Uri Channel = new("https://www.youtube.com/@harbourtv/videos");

    [Fact]
    public void Parse_FlatChannelListing_KeysByExtractorAndIdLinksToEachVideoPage()
    {
        // The shape yt-dlp prints for a YouTube channel tab with --flat-playlist (fields trimmed).
        const string json = """
            {"_type":"playlist","id":"UC123","title":"Harbour TV - Videos","extractor":"youtube:tab","entries":[
              {"_type":"url","ie_key":"Youtube","id":"dQw4w9WgXcQ","url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","title":"Council session 3"},
              {"_type":"url","ie_key":"Youtube","id":"oHg5SJYRHA0","url":"https://www.youtube.com/watch?v=oHg5SJYRHA0","title":"Council session 2"},
              {"_type":"url","ie_key":"Youtube","url":"https://www.youtube.com/watch?v=noid"}]}
            """;

        IReadOnlyList<VideoEntry> entries = VideoEntry.Parse(json, Channel, "subject");

        entries.Should().Equal(
            new VideoEntry("youtube:dQw4w9WgXcQ", "Council session 3", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            new VideoEntry("youtube:oHg5SJYRHA0", "Council session 2", "https://www.youtube.com/watch?v=oHg5SJYRHA0"));
    }

    [Fact]
    public void Parse_EntryWithSmuggledFragment_LinksToThePageWithoutIt()
    {
        const string json = """
            {"_type":"playlist","extractor":"generic","entries":[
              {"_type":"url_transparent","url":"http://127.0.0.1:5000/a.html#__youtubedl_smuggle=%7B%22force_videoid%22%3A+%22g-a%22%7D","id":"g-a","title":"A"}]}
            """;

        VideoEntry entry = VideoEntry.Parse(json, new Uri("http://127.0.0.1:5000/rss.xml"), "subject").Single();

        entry.Link.Should().Be("http://127.0.0.1:5000/a.html");
        entry.Key.Should().Be("generic:g-a");
    }

    [Fact]
    public void Parse_NotJson_RefusedInOneLine()
    {
        Action act = () => VideoEntry.Parse("WARNING: nothing", Channel, "https://www.youtube.com/@harbourtv");

        act.Should().Throw<ContentRefusedException>().WithMessage("Refused https://www.youtube.com/@harbourtv: yt-dlp printed no readable list of videos.");
    }

    [Theory]
    [InlineData("https://www.youtube.com/@harbourtv", "youtube:tab")]
    [InlineData("https://www.youtube.com/@harbourtv/videos", "youtube:tab")]
    [InlineData("https://www.youtube.com/channel/UCabc123", "youtube:tab")]
    [InlineData("https://youtube.com/playlist?list=PL123", "youtube:tab")]
    [InlineData("https://www.twitch.tv/harbourtv/videos", "twitch:videos")]
    [InlineData("https://vimeo.com/channels/staffpicks", "vimeo:channel,vimeo:user,vimeo:album,vimeo:group")]
    [InlineData("https://vimeo.com/showcase/123456", "vimeo:channel,vimeo:user,vimeo:album,vimeo:group")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", null)]
    [InlineData("https://vimeo.com/76979871", null)]
    [InlineData("https://www.twitch.tv/videos/1234567890", null)]
    [InlineData("https://example.com/@harbourtv", null)]
    public void FindChannel_ChannelUserOrPlaylistOfAKnownHost_ItsListingExtractors(string link, string? extractors)
    {
        VideoPages.FindChannel(new Uri(link))?.Extractors.Should().Be(extractors);
        if (extractors is null)
        {
            VideoPages.FindChannel(new Uri(link)).Should().BeNull();
        }
    }
}
