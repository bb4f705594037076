using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;
using AutoIntel.Ingestion.Fetching;

namespace AutoIntel.Ingestion.Feeds;

/// <summary>Turns a fetched podcast feed into one episode's transcript or audio, fetched through the same guarded fetcher.</summary>
/// <remarks>Audio is fetched only when <paramref name="speechToText"/> can transcribe it: an episode is tens of megabytes.</remarks>
public sealed class FeedEpisodeResolver(SafeHttpFetcher fetcher, ISpeechToText speechToText)
{
    /// <summary>Parses <paramref name="feed"/>, picks the episode (<see cref="EpisodePicker"/>) and fetches its best transcript, else its audio.</summary>
    /// <param name="source">The link the user gave, named in refusals.</param>
    /// <param name="fragment">The link's <c>#fragment</c>, which may name the episode.</param>
    public async Task<ResolvedEpisode> ResolveAsync(string source, FetchedContent feed, string? fragment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feed);
        PodcastFeed parsed = FeedParser.Parse(feed.Bytes, feed.FinalUrl, source);
        FeedItem item = EpisodePicker.Pick(parsed, fragment, source);
        FeedLink? transcript = EpisodePicker.BestTranscript(item);
        FeedLink link = transcript ?? EpisodePicker.AudioEnclosure(item)!;
        string role = transcript is null ? "audio" : "transcript";
        string about = $"the {role} of \"{item.Title}\" in {source}";
        if (transcript is null && !speechToText.IsEnabled)
        {
            throw new PermanentFailureException($"\"{item.Title}\" in {source} has no transcript, only audio. {DisabledSpeechToText.Message}");
        }

        FetchedContent fetched;
        try
        {
            // The same fetcher as the feed: the SSRF guard, size and time limits and redirect checks apply to links a feed names.
            fetched = await fetcher.FetchAsync(link.Url, cancellationToken);
        }
        catch (ContentRefusedException ex)
        {
            throw ex.WithSubject($"{ex.Subject ?? link.Url.AbsoluteUri} ({about})");
        }

        bool expected = transcript is null
            ? fetched.Kind == ContentKind.Audio
            : fetched.Kind is ContentKind.Subtitles or ContentKind.Article or ContentKind.PlainText or ContentKind.Markdown;
        if (!expected)
        {
            throw new ContentRefusedException(
                $"{link.Url.AbsoluteUri} ({about})",
                $"the server sent {fetched.MediaType}, not {(transcript is null ? "audio" : "a transcript")}",
                null);
        }

        string chosen = EpisodePicker.EpisodeName(fragment).Length == 0 ? EpisodePicker.Newest : EpisodePicker.Named;
        var episode = new FeedEpisode(parsed.Title, item.Title, item.Id, item.Published, link.Url.AbsoluteUri, chosen);
        string? language = link.Language ?? LanguageTag.Primary(fetched.ContentLanguage) ?? parsed.Language;
        return new ResolvedEpisode(fetched, episode, $"{item.Title} — {parsed.Title}", language);
    }
}
