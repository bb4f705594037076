using System.Net;
using System.Text;
using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Ingestion.Tests.Video;

/// <summary>Video links through the real yt-dlp against loopback pages (allowed with Fetch:AllowedHosts, as a user would allow a host).</summary>
public sealed class VideoAcquisitionTests : IAsyncLifetime
{
    private FakeVideoSite _site = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _site = await FakeVideoSite.StartAsync();
        _provider = TestServices.Build(TestServices.Loopback(maxBytes: 1024 * 1024, timeout: "00:00:30"));
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _site.DisposeAsync();
    }

    private IContentAcquirer Acquirer => _provider.GetRequiredService<IContentAcquirer>();

    private IArtifactStore Store => _provider.GetRequiredService<IArtifactStore>();

    [Fact]
    public async Task AcquireAsync_PageWithVideoAndCaptionsTrack_StoresTheCaptionsTitledByThePage()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_site.Server.Url("/debate").AbsoluteUri, "vid1");

        content.Kind.Should().Be(ContentKind.Subtitles);
        content.Title.Should().Be("Harbour Council Debate");
        content.MediaType.Should().Be("text/vtt");
        content.Video.Should().BeEquivalentTo(new { Site = "html5", Track = "subtitles", Language = "en" });
        Encoding.UTF8.GetString(await Store.GetAsync(content.Raw.Path)).Should().Be(FakeVideoSite.CaptionsVtt);
        _site.Hits("/media/debate.mp4").Should().Be(0, "captions come first: the video itself is never downloaded");
        content.TranscriptCachePath.Should().Be($"tenants/local/transcripts/video-html5-{content.Video!.Id}.json");
        content.TranscriptCached.Should().BeFalse();
    }

    [Fact]
    public async Task AcquireAsync_PageWithOnlyAudio_StoresTheAudioForTranscription()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_site.Server.Url("/podcast").AbsoluteUri, "vid2");

        content.Kind.Should().Be(ContentKind.Audio);
        content.Title.Should().Be("Ferry Podcast");
        content.MediaType.Should().Be("audio/mpeg");
        content.Video!.Track.Should().Be("audio");
        (await Store.GetAsync(content.Raw.Path)).Should().Equal(_site.Audio);
    }

    [Fact]
    public async Task AcquireAsync_PageOfSeveralVideosWithOneNamedInTheFragment_StoresThatVideosCaptions()
    {
        string media = _site.Server.Url("/media/v1.mp4").AbsoluteUri;
        string link = $"{_site.ChannelUrl}#{Uri.EscapeDataString(media)}";

        AcquiredContent content = await Acquirer.AcquireAsync(link, "vid9");

        content.Kind.Should().Be(ContentKind.Subtitles);
        Encoding.UTF8.GetString(await Store.GetAsync(content.Raw.Path)).Should().Be(FakeVideoSite.VideoCaptions(1));
        content.Video!.Id.Should().Be(media, "a page numbers its videos by position, which moves when it adds one");
        _site.Hits("/media/v2.en.vtt").Should().Be(0);
    }

    [Fact]
    public async Task AcquireAsync_FiveHourVideo_RefusedBeforeDownload()
    {
        string link = _site.Server.Url("/marathon").AbsoluteUri;

        Func<Task> act = () => Acquirer.AcquireAsync(link, "vid3");

        await act.Should().ThrowAsync<ContentRefusedException>()
            .WithMessage($"Refused {link}: the video is 5 h 0 min long, over the 4 h 0 min limit. Raise Acquire__MaxDuration to accept longer videos.");
        (await Store.ListAsync("runs/")).Should().BeEmpty();
    }

    [Fact]
    public async Task AcquireAsync_SameVideoAgainAfterTranscription_ReusesTheTranscriptWithoutDownloading()
    {
        string link = _site.Server.Url("/debate").AbsoluteUri;
        AcquiredContent first = await Acquirer.AcquireAsync(link, "once", "guild-1");
        await _provider.GetRequiredService<ITranscriber>().TranscribeAsync(first);

        AcquiredContent second = await Acquirer.AcquireAsync(link, "twice", "guild-1");
        AcquiredContent otherTenant = await Acquirer.AcquireAsync(link, "other", "guild-2");

        second.TranscriptCached.Should().BeTrue();
        second.Raw.Path.Should().Be(first.TranscriptCachePath);
        otherTenant.TranscriptCached.Should().BeFalse("each tenant has its own cache");
        _site.Hits("/media/debate.en.vtt").Should().Be(2, "the second run of guild-1 downloaded nothing");
        Transcript transcript = await _provider.GetRequiredService<ITranscriber>().TranscribeAsync(second);
        transcript.Title.Should().Be("Harbour Council Debate");
        transcript.Source.Should().Be(link);
        transcript.FullText.Should().Contain("seven to two");
    }

    [Fact]
    public async Task AcquireAsync_YtDlpMissing_RefusedWithHowToInstall()
    {
        await using ServiceProvider provider = TestServices.Build(new Dictionary<string, string?>(TestServices.Loopback()) { ["Acquire:YtDlpPath"] = "/nonexistent/yt-dlp" });
        string link = _site.Server.Url("/debate").AbsoluteUri;

        Func<Task> act = () => provider.GetRequiredService<IContentAcquirer>().AcquireAsync(link, "vid5");

        await act.Should().ThrowAsync<ContentRefusedException>()
            .WithMessage($"Refused {link}: reading video links needs yt-dlp, which is not at /nonexistent/yt-dlp. Install yt-dlp (Debian/Ubuntu: apt-get install yt-dlp*Acquire__YtDlpPath*");
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ?t=42")]
    [InlineData("https://m.youtube.com/shorts/abc123")]
    [InlineData("https://vimeo.com/76979871")]
    [InlineData("https://www.tiktok.com/@someone/video/7234567890123456789")]
    [InlineData("https://www.twitch.tv/videos/1234567890")]
    [InlineData("https://www.reddit.com/r/videos/comments/abc123/a_title/")]
    public async Task AcquireAsync_KnownVideoHost_GoesToYtDlpAfterTheGuard(string link)
    {
        await using ServiceProvider provider = TestServices.Build(
            new Dictionary<string, string?> { ["Acquire:YtDlpPath"] = "/nonexistent/yt-dlp" },
            services => services.AddSingleton<IHostResolver>(new FixedResolver(IPAddress.Parse("93.184.216.34"))));

        Func<Task> act = () => provider.GetRequiredService<IContentAcquirer>().AcquireAsync(link, "vid8");

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage($"Refused {link}: reading video links needs yt-dlp, which is not at /nonexistent/yt-dlp.*");
    }

    [Fact]
    public async Task AcquireAsync_VideoHostResolvingToPrivateAddress_RefusedBeforeYtDlpRuns()
    {
        await using ServiceProvider provider = TestServices.Build(
            new Dictionary<string, string?> { ["Acquire:YtDlpPath"] = "/nonexistent/yt-dlp" },
            services => services.AddSingleton<IHostResolver>(new FixedResolver(IPAddress.Parse("10.0.0.7"))));

        Func<Task> act = () => provider.GetRequiredService<IContentAcquirer>().AcquireAsync("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "vid6");

        await act.Should().ThrowAsync<ContentRefusedException>()
            .WithMessage("Refused https://www.youtube.com/watch?v=dQw4w9WgXcQ: www.youtube.com resolves to 10.0.0.7, a private address. Allow it with Fetch__AllowedHosts or --allow-host.");
    }

    [Fact]
    public async Task AcquireAsync_PageWithEmptyVideoElement_RefusedWithOneLineReason()
    {
        string link = _site.Server.Url("/article-with-figure").AbsoluteUri;

        Func<Task> act = () => Acquirer.AcquireAsync(link, "vid7");

        (await act.Should().ThrowAsync<ContentRefusedException>()).Which.Message.Should().Be($"Refused {link}: no video was found at this link.");
    }

    private sealed class FixedResolver(IPAddress address) : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default) => Task.FromResult(new[] { address });
    }
}
