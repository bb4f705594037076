using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Feeds;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.Ingestion.Video;

namespace AutoIntel.Ingestion.Watches;

/// <summary>One poll of a watch: is it still stored, and which usable items does its feed or video channel hold now.</summary>
/// <remarks>
/// What the link is decides how it is read: a channel, user or playlist of a known video host (<see cref="VideoPages.FindChannel"/>)
/// is listed by yt-dlp with that host's extractors; anything else is fetched, and a feed is parsed (episodes with a transcript
/// or audio, and entries that link to a video page), while a page with its own videos on a host the user allowed is listed by
/// yt-dlp's generic extractor.
/// </remarks>
public sealed class WatchPoller(WatchStore watches, SafeHttpFetcher fetcher, VideoAcquirer videos, FetchPolicy policy)
{
    /// <summary>How many of a channel's newest videos a poll lists (a watch starts at most a few runs per poll anyway).</summary>
    public const int ChannelDepth = 15;

    /// <summary>Reads the watch's record, then lists its feed's or channel's items (through the SSRF guard and limits).</summary>
    /// <exception cref="ContentRefusedException">The link is refused, missing, or neither a feed nor a video channel (the watch backs off and reports it).</exception>
    public async Task<WatchPoll> PollAsync(string tenant, string watchId, string url, CancellationToken cancellationToken = default)
    {
        if (await watches.FindAsync(tenant, watchId, cancellationToken) is null)
        {
            return new WatchPoll(Removed: true, []);
        }

        var link = new Uri(url);
        if (VideoPages.FindChannel(link) is { } channel)
        {
            return new WatchPoll(Removed: false, await ListVideosAsync(link, channel, url, cancellationToken));
        }

        FetchedContent fetched = await fetcher.FetchAsync(link, cancellationToken);
        if (fetched.Kind == ContentKind.Article && policy.IsAllowedHost(fetched.FinalUrl.Host)
            && PageMedia.HasMedia(TextDecoder.Decode(fetched.Bytes, fetched.MediaType)))
        {
            return new WatchPoll(Removed: false, await ListVideosAsync(fetched.FinalUrl, VideoPages.AllowedPage, url, cancellationToken));
        }

        PodcastFeed feed = FeedParser.Parse(fetched.Bytes, fetched.FinalUrl, url);
        List<WatchItem> items = [.. feed.Items
            // Stable: undated items keep feed order, after dated ones.
            .OrderByDescending(i => i.Published ?? DateTimeOffset.MinValue)
            .Select(ItemOf)
            .OfType<WatchItem>()
            .DistinctBy(i => i.Key, StringComparer.Ordinal)];
        return new WatchPoll(Removed: false, items);
    }

    private async Task<List<WatchItem>> ListVideosAsync(Uri link, VideoSite site, string subject, CancellationToken cancellationToken) =>
        [.. (await videos.ListAsync(link, site, ChannelDepth, subject, cancellationToken))
            .Select(v => new WatchItem(v.Key, v.Title, v.Link))
            .DistinctBy(i => i.Key, StringComparer.Ordinal)];

    private WatchItem? ItemOf(FeedItem item)
    {
        if (EpisodePicker.BestTranscript(item) is not null || EpisodePicker.AudioEnclosure(item) is not null)
        {
            return new WatchItem(item.Id ?? item.Title, item.Title);
        }

        // A video feed (a YouTube channel's Atom feed, say): no enclosure, the entry links to the video's page.
        return item.Page is { Scheme: "http" or "https" } page && (VideoPages.Find(page) is not null || policy.IsAllowedHost(page.Host))
            ? new WatchItem(item.Id ?? page.AbsoluteUri, item.Title, page.AbsoluteUri)
            : null;
    }
}
