using AutoIntel.Ingestion.Feeds;
using AutoIntel.Ingestion.Fetching;

namespace AutoIntel.Ingestion.Watches;

/// <summary>One poll of a watch: is it still stored, and which usable items does its feed hold now.</summary>
public sealed class WatchPoller(WatchStore watches, SafeHttpFetcher fetcher)
{
    /// <summary>Reads the watch's record, then fetches (through the SSRF guard and limits) and parses its feed.</summary>
    /// <exception cref="ContentRefusedException">The feed is refused, missing or not a feed (the watch backs off and reports it).</exception>
    public async Task<WatchPoll> PollAsync(string tenant, string watchId, string url, CancellationToken cancellationToken = default)
    {
        if (await watches.FindAsync(tenant, watchId, cancellationToken) is null)
        {
            return new WatchPoll(Removed: true, []);
        }

        FetchedContent fetched = await fetcher.FetchAsync(new Uri(url), cancellationToken);
        PodcastFeed feed = FeedParser.Parse(fetched.Bytes, fetched.FinalUrl, url);
        List<WatchItem> items = [.. feed.Items
            .Where(i => EpisodePicker.BestTranscript(i) is not null || EpisodePicker.AudioEnclosure(i) is not null)
            // Stable: undated items keep feed order, after dated ones.
            .OrderByDescending(i => i.Published ?? DateTimeOffset.MinValue)
            .Select(i => new WatchItem(i.Id ?? i.Title, i.Title))
            .DistinctBy(i => i.Key, StringComparer.Ordinal)];
        return new WatchPoll(Removed: false, items);
    }
}
