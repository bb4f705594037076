using System.Collections.Concurrent;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static AutoIntel.Ingestion.Tests.Feeds.FeedXml;

namespace AutoIntel.Ingestion.Tests.Feeds;

/// <summary>Podcast feed links through the real acquirer and guarded fetcher, against a loopback server (127.0.0.1 allowed; "localhost" is not).</summary>
public sealed class FeedAcquisitionTests : IAsyncLifetime
{
    private static readonly byte[] Mp3 = [0xFF, 0xFB, 0x90, 0x64, 0x00, 0x01, 0x02, 0x03];

    private readonly ConcurrentQueue<string> _requests = new();
    private LoopbackHttpServer _server = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.Use(async (ctx, next) =>
            {
                _requests.Enqueue(ctx.Request.Path.Value!);
                await next();
            });
            app.MapGet("/captions/ep2.vtt", () => Results.Text(File.ReadAllText("Fixtures/sample.vtt"), "text/vtt"));
            app.MapGet("/captions/ep2.srt", () => Results.Text(File.ReadAllText("Fixtures/sample.srt"), "application/x-subrip"));
            app.MapGet("/captions/ep1.html", () => Results.Content("<html><head><title>Transcript page</title></head><body><p>Wind is cheap now.</p></body></html>", "text/html"));
            app.MapGet("/audio/ep1.mp3", () => Results.Bytes(Mp3, "audio/mpeg"));
            app.MapGet("/audio/long.mp3", () => Results.Bytes(new byte[3 * 4096], "audio/mpeg"));
            app.MapGet("/feed/long", () => Results.Text(
                Rss("The Grid Show", Item("Episode 9: Long", "ep-9", "Mon, 05 May 2025 09:00:00 GMT", Enclosure("/audio/long.mp3", "audio/mpeg"))),
                "application/rss+xml"));
            app.MapGet("/audio/not-audio.mp3", () => Results.Content("<html><body>Sign in</body></html>", "text/html"));

            // Oldest first in the document, so "newest" has to come from the dates.
            app.MapGet("/feed/transcript", () => Results.Text(
                Rss(
                    "The Grid Show",
                    Item("Episode 1: Wind", "ep-1", "Mon, 03 Mar 2025 09:00:00 GMT", Transcript("/captions/ep1.html", "text/html"), Enclosure("/audio/ep1.mp3", "audio/mpeg")),
                    Item("Episode 2: Storage", "ep-2", "Mon, 10 Mar 2025 09:00:00 +0100",
                        Transcript("https://example.invalid/ep2.json", "application/json"),
                        Transcript("/captions/ep2.srt", "application/x-subrip"),
                        Transcript("/captions/ep2.vtt", "text/vtt"),
                        Enclosure("/audio/ep2.mp3", "audio/mpeg"))),
                "application/rss+xml"));
            app.MapGet("/feed/audio", () => Results.Text(
                Rss("The Grid Show", Item("Episode 1: Wind", "ep-1", "Mon, 03 Mar 2025 09:00:00 EST", Enclosure("../audio/ep1.mp3", "audio/mpeg"))),
                "application/xml; charset=utf-8"));
            app.MapGet("/feed/german", () => Results.Text(
                Rss("Die Netz-Show", Item("Folge 1: Wind", "ep-1", "Mon, 03 Mar 2025 09:00:00 GMT", Enclosure("/audio/ep1.mp3", "audio/mpeg")))
                    .Replace("<link>", "<language>de-de</language><link>", StringComparison.Ordinal),
                "application/rss+xml"));
            app.MapGet("/feed/as-text", () => Results.Text(
                Rss("The Grid Show", Item("Episode 1: Wind", "ep-1", "Mon, 03 Mar 2025 09:00:00 GMT", Enclosure("/audio/ep1.mp3", "audio/mpeg"))),
                "text/plain"));
            app.MapGet("/feed/private-transcript", (HttpContext ctx) => Results.Text(
                Rss("The Grid Show", Item("Episode 3: Secrets", "ep-3", "Mon, 17 Mar 2025 09:00:00 GMT",
                    Transcript($"http://localhost:{ctx.Connection.LocalPort}/captions/ep2.vtt", "text/vtt"),
                    Enclosure("/audio/ep1.mp3", "audio/mpeg"))),
                "application/rss+xml"));
            app.MapGet("/feed/enclosure-not-audio", () => Results.Text(
                Rss("The Grid Show", Item("Episode 4: Paywall", "ep-4", "Mon, 24 Mar 2025 09:00:00 GMT", Enclosure("/audio/not-audio.mp3", "audio/mpeg"))),
                "application/rss+xml"));
            app.MapGet("/feed/video-only", () => Results.Text(
                Rss("The Grid Show", Item("Episode 5: On camera", "ep-5", "Mon, 31 Mar 2025 09:00:00 GMT",
                    Transcript("/captions/ep5.json", "application/json"),
                    Enclosure("/video/ep5.mp4", "video/mp4"))),
                "application/rss+xml"));
            app.MapGet("/feed/empty", () => Results.Text(Rss("Nothing Yet"), "application/rss+xml"));
            app.MapGet("/feed/malformed", () => Results.Text("<rss><channel><title>Broken</title><item></channel></rss>", "application/rss+xml"));
            app.MapGet("/feed/xxe", () => Results.Text(
                """
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <rss version="2.0"><channel><title>&xxe;</title><item><title>x</title><enclosure url="/audio/ep1.mp3" type="audio/mpeg"/></item></channel></rss>
                """,
                "text/xml"));
            app.MapGet("/feed/sitemap", () => Results.Text("""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>""", "application/xml"));
            app.MapGet("/feed/atom", () => Results.Text(
                $"""
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:podcast="{PodcastNs}">
                  <title>Atom Talks</title>
                  <id>urn:uuid:feed</id>
                  <entry>
                    <title>Older talk</title>
                    <id>urn:uuid:talk-1</id>
                    <updated>2025-01-01T10:00:00Z</updated>
                    <link rel="enclosure" href="/audio/ep1.mp3" type="audio/mpeg"/>
                  </entry>
                  <entry>
                    <title>Newer talk</title>
                    <id>urn:uuid:talk-2</id>
                    <published>2025-02-01T10:00:00Z</published>
                    <link rel="alternate" href="/talks/2" type="text/html"/>
                    <podcast:transcript url="/captions/ep2.vtt" type="text/vtt"/>
                  </entry>
                </feed>
                """,
                "application/atom+xml"));
            app.MapGet("/watch", () => Results.Content("<html><head><title>Not a video host</title></head><body><article><p>Text.</p></article></body></html>", "text/html"));
        });
        _provider = TestServices.Build(TestServices.Loopback(), s => s.AddSingleton<ISpeechToText>(new FakeSpeechToText()));
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _server.DisposeAsync();
    }

    private IContentAcquirer Acquirer => _provider.GetRequiredService<IContentAcquirer>();

    private InMemoryArtifactStore Store => (InMemoryArtifactStore)_provider.GetRequiredService<IArtifactStore>();

    [Fact]
    public async Task AcquireAsync_FeedWithTranscripts_StoresNewestEpisodesVtt()
    {
        string feed = _server.Url("/feed/transcript").AbsoluteUri;

        AcquiredContent content = await Acquirer.AcquireAsync(feed, "f1");

        content.Source.Should().Be(feed);
        content.Kind.Should().Be(ContentKind.Subtitles);
        content.MediaType.Should().Be("text/vtt");
        content.Title.Should().Be("Episode 2: Storage — The Grid Show");
        content.Raw.Path.Should().Be("runs/f1/source.vtt");
        (await Store.GetAsync("runs/f1/source.vtt")).Should().Equal(await File.ReadAllBytesAsync("Fixtures/sample.vtt"));
        content.Episode.Should().BeEquivalentTo(new FeedEpisode(
            "The Grid Show", "Episode 2: Storage", "ep-2", new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.FromHours(1)), _server.Url("/captions/ep2.vtt").AbsoluteUri, "newest"));
        _requests.Should().NotContain(["/captions/ep2.srt", "/audio/ep2.mp3"], "the best transcript is fetched and nothing else");
    }

    [Fact]
    public async Task AcquireAsync_FeedWithoutTranscript_StoresAudioEnclosure()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url("/feed/audio").AbsoluteUri, "f2");

        content.Kind.Should().Be(ContentKind.Audio);
        content.MediaType.Should().Be("audio/mpeg");
        content.Title.Should().Be("Episode 1: Wind — The Grid Show");
        content.Raw.Path.Should().Be("runs/f2/source.mp3");
        (await Store.GetAsync("runs/f2/source.mp3")).Should().Equal(Mp3);
        content.Episode!.ContentUrl.Should().Be(_server.Url("/audio/ep1.mp3").AbsoluteUri, "relative links resolve against the feed's URL");
        content.Episode.Published.Should().Be(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(-5)));
    }

    [Fact]
    public async Task AcquireAsync_FeedDeclaringItsLanguage_EpisodeTakesIt()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url("/feed/german").AbsoluteUri, "f7");

        content.Language.Should().Be("de");
    }

    [Fact]
    public async Task AcquireAsync_TranscriptWithLanguageAttribute_ThatLanguage()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url("/feed/transcript").AbsoluteUri, "f8");

        content.Language.Should().Be("en", "podcast:transcript language=\"en\"");
    }

    [Fact]
    public async Task AcquireAsync_FeedWithoutLanguage_NoneDeclared()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url("/feed/audio").AbsoluteUri, "f6");

        content.Language.Should().BeNull();
    }

    [Fact]
    public async Task AcquireAsync_AudioOnlyEpisodeWithoutTranscriptionEndpoint_RefusedBeforeDownloadingAudio()
    {
        await using ServiceProvider withoutSpeech = TestServices.Build(TestServices.Loopback());
        IContentAcquirer acquirer = withoutSpeech.GetRequiredService<IContentAcquirer>();

        Func<Task> act = () => acquirer.AcquireAsync(_server.Url("/feed/audio").AbsoluteUri, "f9");

        (await act.Should().ThrowAsync<PermanentFailureException>()).Which.Message.Should()
            .Contain("\"Episode 1: Wind\"").And.Contain("has no transcript, only audio").And.Contain("Llm__Endpoint");
        _requests.Should().Contain("/feed/audio").And.NotContain("/audio/ep1.mp3", "the audio is not downloaded when nothing can transcribe it");
    }

    [Fact]
    public async Task AcquireAsync_FeedServedAsPlainText_StillReadAsFeed()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url("/feed/as-text").AbsoluteUri, "f3");

        content.Kind.Should().Be(ContentKind.Audio);
        content.Episode!.Title.Should().Be("Episode 1: Wind");
    }

    [Theory]
    [InlineData("#ep-1")]
    [InlineData("#episode%201:%20wind")]
    public async Task AcquireAsync_FragmentNamesEpisode_ThatEpisodeIsTaken(string fragment)
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url("/feed/transcript").AbsoluteUri + fragment, "f4");

        content.Episode!.Title.Should().Be("Episode 1: Wind");
        content.Episode.Chosen.Should().Be("named");
        content.Kind.Should().Be(ContentKind.Article);
        content.Title.Should().Be("Episode 1: Wind — The Grid Show", "the HTML transcript's own <title> does not replace the episode's");
        content.Raw.Path.Should().Be("runs/f4/source.html");
    }

    [Fact]
    public async Task AcquireAsync_FragmentNamesNoEpisode_RefusedWithTheNewest()
    {
        Func<Task> act = () => Acquirer.AcquireAsync(_server.Url("/feed/transcript").AbsoluteUri + "#ep-9", "f5");

        (await act.Should().ThrowAsync<ContentRefusedException>()).Which.Message.Should()
            .Contain("no episode of \"The Grid Show\" has the id or title \"ep-9\"")
            .And.Contain("the newest is \"Episode 2: Storage\" (id ep-2)")
            .And.Contain("<guid>");
        Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task AcquireAsync_TranscriptOnUnallowedHost_RefusedBySsrfGuard()
    {
        string feed = _server.Url("/feed/private-transcript").AbsoluteUri;

        Func<Task> act = () => Acquirer.AcquireAsync(feed, "f6");

        var refusal = (await act.Should().ThrowAsync<ContentRefusedException>()).Which;
        refusal.Message.Should().StartWith($"Refused http://localhost:{_server.Port}/captions/ep2.vtt (the transcript of \"Episode 3: Secrets\" in {feed}): localhost resolves to 127.0.0.1, a loopback address");
        refusal.Message.Should().EndWith(AutoIntel.Ingestion.Fetching.FetchPolicy.AllowHostFix);
        _requests.Should().NotContain("/captions/ep2.vtt").And.NotContain("/audio/ep1.mp3", "a refused transcript does not silently fall back");
        Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task AcquireAsync_EpisodeAudioOverThePieceSize_IsMarkedForPieces()
    {
        var settings = TestServices.Loopback();
        settings["Transcription:PieceBytes"] = "4096";
        await using var provider = TestServices.Build(settings, s => s.AddSingleton<ISpeechToText>(new FakeSpeechToText()));

        AcquiredContent content = await provider.GetRequiredService<IContentAcquirer>().AcquireAsync(_server.Url("/feed/long").AbsoluteUri, "f9");

        content.Episode!.Title.Should().Be("Episode 9: Long");
        content.TranscribeInPieces.Should().BeTrue("a feed episode's audio takes the same long-audio path as any audio link");
    }

    [Fact]
    public async Task AcquireAsync_EnclosureIsNotAudio_Refused()
    {
        Func<Task> act = () => Acquirer.AcquireAsync(_server.Url("/feed/enclosure-not-audio").AbsoluteUri, "f7");

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("Refused */audio/not-audio.mp3 (the audio of \"Episode 4: Paywall\" in *): the server sent text/html, not audio.");
    }

    [Theory]
    [InlineData("/feed/empty", "the feed \"Nothing Yet\" has no episodes.")]
    [InlineData("/feed/video-only", "none of the 1 episode(s) of \"The Grid Show\" has a transcript or audio AutoIntel can read (the newest, \"Episode 5: On camera\" (id ep-5), has: transcript application/json, enclosure video/mp4).")]
    [InlineData("/feed/malformed", "the feed is not well-formed XML (line 1, position *)*")]
    [InlineData("/feed/xxe", "the feed declares a DTD (<!DOCTYPE …>), which AutoIntel does not process*")]
    [InlineData("/feed/sitemap", "it is XML but not an RSS 2.0 or Atom feed (the root element is <urlset>)*")]
    public async Task AcquireAsync_UnusableFeed_RefusedSayingWhatWasFound(string path, string reason)
    {
        string feed = _server.Url(path).AbsoluteUri;

        Func<Task> act = () => Acquirer.AcquireAsync(feed, "f8");

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage($"Refused {feed}: {reason}");
        _requests.Should().Equal([path], "nothing a refused feed names is fetched");
        Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task AcquireAsync_AtomFeed_NewestEntrysTranscript()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url("/feed/atom").AbsoluteUri, "f9");

        content.Kind.Should().Be(ContentKind.Subtitles);
        content.Title.Should().Be("Newer talk — Atom Talks");
        content.Episode!.Id.Should().Be("urn:uuid:talk-2");
        content.Episode.ContentUrl.Should().Be(_server.Url("/captions/ep2.vtt").AbsoluteUri);
    }

    [Fact]
    public async Task AcquireAsync_HtmlOnOtherHost_StillAnArticle()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url("/watch?v=1").AbsoluteUri, "v2");

        content.Kind.Should().Be(ContentKind.Article);
        content.Title.Should().Be("Not a video host");
        content.Episode.Should().BeNull();
    }
}
