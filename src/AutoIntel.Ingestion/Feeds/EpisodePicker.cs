using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion.Feeds;

/// <summary>Chooses the episode of a feed a run analyses, and which of its files to fetch.</summary>
/// <remarks>
/// The rule: a link with a <c>#fragment</c> names an episode by its <c>guid</c> (Atom <c>id</c>), compared exactly, or else
/// by its title, compared ignoring case; without a fragment the newest episode (latest date; undated ones count as oldest,
/// ties go to the first in the feed) that has a readable transcript or audio is taken. The fragment is used because it is
/// never sent to the server, so it cannot change what a private or signed feed link returns.
/// Transcripts are preferred to audio: WebVTT, then SRT, then HTML, then plain text; other types (JSON) are skipped.
/// </remarks>
public static class EpisodePicker
{
    /// <summary><see cref="FeedEpisode.Chosen"/> for the default choice.</summary>
    public const string Newest = "newest";

    /// <summary><see cref="FeedEpisode.Chosen"/> when the link's fragment named the episode.</summary>
    public const string Named = "named";

    private static readonly Dictionary<string, int> TranscriptRank = new(StringComparer.Ordinal)
    {
        ["text/vtt"] = 0,
        ["application/x-subrip"] = 1,
        ["application/srt"] = 1,
        ["text/srt"] = 1,
        ["text/html"] = 2,
        ["text/plain"] = 3,
    };

    /// <summary>The episode <paramref name="fragment"/> names (with or without its <c>#</c>), or the newest usable one when it is empty.</summary>
    /// <exception cref="ContentRefusedException">The feed has no episodes, the named one is not there, or no candidate has a readable transcript or audio.</exception>
    public static FeedItem Pick(PodcastFeed feed, string? fragment, string subject)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (feed.Items.Count == 0)
        {
            throw new ContentRefusedException(subject, $"the feed \"{feed.Title}\" has no episodes", null);
        }

        string name = EpisodeName(fragment);
        if (name.Length > 0)
        {
            FeedItem named = feed.Items.FirstOrDefault(i => string.Equals(i.Id, name, StringComparison.Ordinal))
                ?? feed.Items.FirstOrDefault(i => string.Equals(i.Title, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ContentRefusedException(
                    subject,
                    $"no episode of \"{feed.Title}\" has the id or title \"{name}\" ({feed.Items.Count} episodes; the newest is {Describe(NewestOf(feed.Items))})",
                    "Put the episode's <guid> or exact title after # in the link, or leave the # part out for the newest episode.");
            return IsUsable(named)
                ? named
                : throw new ContentRefusedException(subject, $"the episode {Describe(named)} has no transcript or audio AutoIntel can read (found: {Found(named)})", null);
        }

        List<FeedItem> usable = [.. feed.Items.Where(IsUsable)];
        if (usable.Count == 0)
        {
            FeedItem newest = NewestOf(feed.Items);
            throw new ContentRefusedException(
                subject,
                $"none of the {feed.Items.Count} episode(s) of \"{feed.Title}\" has a transcript or audio AutoIntel can read (the newest, {Describe(newest)}, has: {Found(newest)})",
                null);
        }

        return NewestOf(usable);
    }

    /// <summary>The episode id or title a link's <paramref name="fragment"/> names (unescaped, trimmed), or empty when it names none.</summary>
    public static string EpisodeName(string? fragment) => Uri.UnescapeDataString((fragment ?? string.Empty).TrimStart('#')).Trim();

    /// <summary>The best readable transcript of <paramref name="item"/>, or null.</summary>
    public static FeedLink? BestTranscript(FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Transcripts
            .Select(t => (Link: t, Rank: RankOf(t)))
            .Where(t => t.Rank >= 0)
            .OrderBy(t => t.Rank)
            .Select(t => t.Link)
            .FirstOrDefault();
    }

    /// <summary>The first audio enclosure of <paramref name="item"/> (declared <c>audio/*</c>, or undeclared with an audio file extension), or null.</summary>
    public static FeedLink? AudioEnclosure(FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Enclosures.FirstOrDefault(e => e.MediaType is { } type
            ? type.StartsWith("audio/", StringComparison.Ordinal)
            : ContentTypes.ForExtension(Path.GetExtension(e.Url.AbsolutePath)) is { Kind: ContentKind.Audio });
    }

    private static bool IsUsable(FeedItem item) => BestTranscript(item) is not null || AudioEnclosure(item) is not null;

    // OrderBy is stable, so equal dates (and undated episodes) keep feed order.
    private static FeedItem NewestOf(IEnumerable<FeedItem> items) =>
        items.OrderByDescending(i => i.Published ?? DateTimeOffset.MinValue).First();

    private static int RankOf(FeedLink transcript)
    {
        string? type = transcript.MediaType
            ?? ContentTypes.ForExtension(Path.GetExtension(transcript.Url.AbsolutePath)) switch
            {
                { Kind: ContentKind.Subtitles or ContentKind.Article or ContentKind.PlainText } known => known.MediaType,
                _ => null,
            };
        return type is not null && TranscriptRank.TryGetValue(type, out int rank) ? rank : -1;
    }

    private static string Describe(FeedItem item) => item.Id is null ? $"\"{item.Title}\"" : $"\"{item.Title}\" (id {item.Id})";

    private static string Found(FeedItem item)
    {
        IEnumerable<string> found = item.Transcripts.Select(t => $"transcript {t.MediaType ?? "of no type"}")
            .Concat(item.Enclosures.Select(e => $"enclosure {e.MediaType ?? "of no type"}"));
        string list = string.Join(", ", found);
        return list.Length == 0 ? "no transcript and no enclosure" : list;
    }
}
