using AutoIntel.Core.Briefings;
using AutoIntel.Core.Content;

namespace AutoIntel.Core.Tests.Briefings;

public sealed class VideoLineTests
{
    [Fact]
    public void VideoLine_AllFields_ChannelDurationUploadDateAndTrack() =>
        MarkdownBriefingRenderer.VideoLine(new VideoInfo("youtube", "id", "Harbour *TV*", TimeSpan.FromSeconds(3723), new DateOnly(2024, 3, 2), "automatic captions", "en-orig"))
            .Should().Be(@"**Channel:** Harbour \*TV\* · **Duration:** 1:02:03 · **Uploaded:** 2024-03-02 · **From:** automatic captions (en-orig)");

    [Fact]
    public void VideoLine_SiteSaidNothing_OnlyTheTrack() =>
        MarkdownBriefingRenderer.VideoLine(new VideoInfo("html5", "page-1", null, null, null, "audio")).Should().Be("**From:** audio");
}
