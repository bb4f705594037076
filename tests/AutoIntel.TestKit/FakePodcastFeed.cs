using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>
/// A podcast feed on a loopback server (RSS 2.0 with Podcasting 2.0 <c>podcast:transcript</c> links, as real hosts publish it) whose
/// episodes a test adds between polls, and which can answer with an error status instead; counts requests per path.
/// </summary>
public sealed partial class FakePodcastFeed : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly List<int> _episodes = [];
    private readonly Lock _gate = new();
    private LoopbackHttpServer _server = null!;
    private string _transcript = string.Empty;

    private FakePodcastFeed()
    {
    }

    /// <summary>The feed's link.</summary>
    public string FeedUrl => _server.Url("/feed.xml").AbsoluteUri;

    /// <summary>While set, the feed answers with this status and a short body instead of the feed.</summary>
    public int? FailWith { get; set; }

    /// <summary>Starts the server with episodes 1..<paramref name="episodes"/>.</summary>
    public static async Task<FakePodcastFeed> StartAsync(int episodes = 1)
    {
        var feed = new FakePodcastFeed();
        // The bundled sample as WebVTT: a header, and a dot before the milliseconds.
        string srt = await File.ReadAllTextAsync(RepoPaths.Sample("podcast-transcript.srt"));
        feed._transcript = "WEBVTT\n\n" + SrtTimes().Replace(srt, "$1.$2");
        for (int i = 1; i <= episodes; i++)
        {
            feed.Publish();
        }

        feed._server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet("/feed.xml", () =>
            {
                feed.Count("/feed.xml");
                return feed.FailWith is int status
                    ? Results.Text($"feed unavailable ({status})", "text/plain", statusCode: status)
                    : Results.Text(feed.Render(), "application/rss+xml");
            });
            app.MapGet("/ep{n:int}.vtt", (int n) =>
            {
                feed.Count($"/ep{n}.vtt");
                return Results.Text(feed._transcript, "text/vtt");
            });
        });
        return feed;
    }

    /// <summary>Adds the next episode (its guid is <c>ep{n}</c>, newest first in the feed); returns n.</summary>
    public int Publish()
    {
        lock (_gate)
        {
            _episodes.Add(_episodes.Count + 1);
            return _episodes.Count;
        }
    }

    /// <summary>How many times <paramref name="path"/> (<c>/feed.xml</c>, <c>/ep1.vtt</c>) was requested.</summary>
    public int Hits(string path) => _hits.GetValueOrDefault(path);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private int Count(string path) => _hits.AddOrUpdate(path, 1, (_, n) => n + 1);

    private string Render()
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Energy Hour</title>""");
        lock (_gate)
        {
            foreach (int n in Enumerable.Reverse(_episodes))
            {
                string date = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero).AddDays(n).ToString("r", CultureInfo.InvariantCulture);
                xml.Append(CultureInfo.InvariantCulture, $"""<item><title>{SecurityElement.Escape($"Episode {n}: part {n}")}</title><guid>ep{n}</guid><pubDate>{date}</pubDate><podcast:transcript url="/ep{n}.vtt" type="text/vtt"/></item>""");
            }
        }

        return xml.Append("</channel></rss>").ToString();
    }

    [GeneratedRegex(@"(\d\d:\d\d:\d\d),(\d{3})")]
    private static partial Regex SrtTimes();
}
