using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>A loopback site of video pages for the real yt-dlp: an HTML5 video with a captions track, a page with only audio,
/// a five-hour video described by schema.org JSON-LD, and a page without media; and a channel of its own: <c>/channel</c>, one
/// page with a <c>&lt;video&gt;</c> per published video (newest first), and <c>/videos.atom</c>, an Atom feed whose entries
/// link to one page per video (<c>/watch/{n}</c>), as a YouTube channel's feed does. Counts what was fetched.</summary>
public sealed class FakeVideoSite : IAsyncDisposable
{
    public const string CaptionsVtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nThe council voted seven to two for the new ferry terminal.\n\n00:00:05.000 --> 00:00:09.000\nThe harbour budget rose by twelve percent this year.\n";

    private readonly Dictionary<string, int> _hits = new(StringComparer.Ordinal);
    private int _videos = 2;

    private FakeVideoSite(LoopbackHttpServer server) => Server = server;

    public LoopbackHttpServer Server { get; private set; }

    public byte[] Audio { get; } = SyntheticAudio.Mp3(100);

    /// <summary>The channel's videos, 1 to this, newest last.</summary>
    public int Videos => Volatile.Read(ref _videos);

    public string ChannelUrl => Server.Url("/channel").AbsoluteUri;

    public string FeedUrl => Server.Url("/videos.atom").AbsoluteUri;

    /// <summary>What video <paramref name="n"/>'s captions say.</summary>
    public static string VideoCaptions(int n) => $"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nIn video {n} the council voted seven to two for ferry terminal {n}.\n";

    /// <summary>The channel publishes its next video.</summary>
    public void PublishVideo() => Interlocked.Increment(ref _videos);

    public static async Task<FakeVideoSite> StartAsync()
    {
        FakeVideoSite site = new(null!);
        site.Server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet("/debate", () => site.Hit("/debate", Results.Content(
                "<!doctype html><html><head><title>Harbour Council Debate</title></head><body><h1>Debate</h1>" +
                "<video controls src=\"/media/debate.mp4\"><track kind=\"captions\" srclang=\"en\" label=\"English\" src=\"/media/debate.en.vtt\"></video></body></html>",
                "text/html; charset=utf-8")));
            app.MapGet("/media/debate.en.vtt", () => site.Hit("/media/debate.en.vtt", Results.Text(CaptionsVtt, "text/vtt")));
            app.MapGet("/media/debate.mp4", () => site.Hit("/media/debate.mp4", Results.Bytes(new byte[4096], "video/mp4")));
            app.MapGet("/podcast", () => site.Hit("/podcast", Results.Content(
                "<html><head><title>Ferry Podcast</title></head><body><audio controls src=\"/media/episode.mp3\"></audio></body></html>", "text/html")));
            app.MapGet("/media/episode.mp3", () => site.Hit("/media/episode.mp3", Results.Bytes(site.Audio, "audio/mpeg")));
            app.MapGet("/marathon", (HttpContext context) => site.Hit("/marathon", Results.Content(
                "<html><head><title>Marathon</title><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"VideoObject\"," +
                "\"name\":\"Five-hour council stream\",\"duration\":\"PT5H\",\"uploadDate\":\"2024-03-02\"," +
                $"\"contentUrl\":\"{site.Server.Url("/media/marathon.mp4")}\",\"author\":{{\"@type\":\"Person\",\"name\":\"Harbour TV\"}}}}</script></head><body>stream</body></html>",
                "text/html")));
            app.MapGet("/media/marathon.mp4", () => site.Hit("/media/marathon.mp4", Results.Bytes(new byte[64 * 1024], "video/mp4")));
            app.MapGet("/channel", () => site.Hit("/channel", Results.Content(
                "<!doctype html><html><head><title>Harbour TV</title></head><body>" +
                string.Concat(Enumerable.Range(1, site.Videos).Reverse().Select(n =>
                    $"<video controls src=\"/media/v{n}.mp4\"><track kind=\"captions\" srclang=\"en\" src=\"/media/v{n}.en.vtt\"></video>")) +
                "</body></html>", "text/html; charset=utf-8")));
            app.MapGet("/videos.atom", () => site.Hit("/videos.atom", Results.Content(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Harbour TV</title>" +
                string.Concat(Enumerable.Range(1, site.Videos).Reverse().Select(n =>
                    $"<entry><id>yt:video:v{n}</id><title>Council session {n}</title><link rel=\"alternate\" href=\"{site.Server.Url($"/watch/{n}")}\"/>" +
                    $"<published>2026-03-{n:00}T10:00:00+00:00</published></entry>")) +
                "</feed>", "application/atom+xml")));
            app.MapGet("/watch/{n:int}", (int n) => site.Hit($"/watch/{n}", Results.Content(
                $"<!doctype html><html><head><title>Council session {n}</title></head><body>" +
                $"<video controls src=\"/media/v{n}.mp4\"><track kind=\"captions\" srclang=\"en\" src=\"/media/v{n}.en.vtt\"></video></body></html>",
                "text/html; charset=utf-8")));
            app.MapGet("/media/v{n:int}.en.vtt", (int n) => site.Hit($"/media/v{n}.en.vtt", Results.Text(VideoCaptions(n), "text/vtt")));
            app.MapGet("/media/v{n:int}.mp4", (int n) => site.Hit($"/media/v{n}.mp4", Results.Bytes(new byte[4096], "video/mp4")));
            app.MapGet("/article-with-figure", () => site.Hit("/article-with-figure", Results.Content(
                "<html><head><title>Plain</title></head><body><p>No media here.</p><video></video></body></html>", "text/html")));
        });
        return site;
    }

    public int Hits(string path)
    {
        lock (_hits)
        {
            return _hits.GetValueOrDefault(path);
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private IResult Hit(string path, IResult result)
    {
        lock (_hits)
        {
            _hits[path] = _hits.GetValueOrDefault(path) + 1;
        }

        return result;
    }
}
