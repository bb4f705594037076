namespace AutoIntel.Ingestion.Tests.Feeds;

public sealed class VideoPagesTests
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=x", "YouTube")]
    [InlineData("https://YOUTUBE.com/live/abc", "YouTube")]
    [InlineData("https://www.youtube-nocookie.com/embed/abc", "YouTube")]
    [InlineData("https://player.vimeo.com/video/76979871", "Vimeo")]
    [InlineData("https://vimeo.com/channels/staffpicks/76979871", "Vimeo")]
    [InlineData("https://vm.tiktok.com/ZMabc/", "TikTok")]
    [InlineData("https://clips.twitch.tv/FunnyClip", "Twitch")]
    [InlineData("https://www.twitch.tv/somechannel/clip/FunnyClip", "Twitch")]
    [InlineData("https://old.reddit.com/r/videos/comments/abc123/title/", "Reddit")]
    public void HostOf_VideoPage_NamesHost(string link, string host) =>
        VideoPages.HostOf(new Uri(link)).Should().Be(host);

    [Theory]
    [InlineData("https://www.youtube.com/")]
    [InlineData("https://www.youtube.com/about")]
    [InlineData("https://vimeo.com/about")]
    [InlineData("https://www.tiktok.com/about")]
    [InlineData("https://blog.twitch.tv/en/2024/01/01/post/")]
    [InlineData("https://example.com/watch?v=x")]
    [InlineData("https://notyoutube.com/watch?v=x")]
    [InlineData("https://www.reddit.com/r/videos/")]
    public void HostOf_OtherPage_Null(string link) =>
        VideoPages.HostOf(new Uri(link)).Should().BeNull();
}
