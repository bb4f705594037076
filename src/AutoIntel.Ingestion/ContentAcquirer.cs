using System.Text.RegularExpressions;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;
using AutoIntel.Ingestion.Feeds;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.Ingestion.Files;
using AutoIntel.Ingestion.Transcription;
using AutoIntel.Storage;

namespace AutoIntel.Ingestion;

/// <summary>Decides whether a source is a link or a local file, acquires it under the fetch limits, and stores the raw bytes at <c>runs/{runId}/source.{ext}</c>;
/// marks audio too large for one transcription request to be transcribed in pieces.</summary>
/// <remarks>A podcast feed link stores its chosen episode's transcript or audio instead (<see cref="FeedEpisodeResolver"/>); video pages are refused (<see cref="VideoPages"/>).</remarks>
public sealed partial class ContentAcquirer(
    SafeHttpFetcher fetcher, LocalFileReader files, IArtifactStore store, PieceTranscriber pieces, ISpeechToText speechToText, ParseBudget budget) : IContentAcquirer
{
    private readonly FeedEpisodeResolver _feeds = new(fetcher, speechToText);

    /// <inheritdoc />
    public async Task<AcquiredContent> AcquireAsync(string source, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!RunId().IsMatch(runId ?? string.Empty))
        {
            throw new ArgumentException($"Run id '{runId}' must be 1-128 letters, digits, '-' or '_'.", nameof(runId));
        }

        string trimmed = source.Trim();
        if (trimmed.Length == 0)
        {
            throw new PermanentFailureException("Nothing to analyse: give a link or a file path.");
        }

        (ContentKind kind, string mediaType, byte[] bytes, string fallbackTitle, FeedEpisode? episode) = await ReadAsync(trimmed, cancellationToken);
        if (ContentTypes.IsText(kind) && TextDecoder.LooksBinary(bytes))
        {
            throw new ContentRefusedException(trimmed, $"it is labelled {ContentTypes.BaseMediaType(mediaType)} but contains binary data", null);
        }

        // An episode's title names the episode; an HTML transcript's own <title> would not. Read before storing, so a page
        // too deep or too slow to parse is refused here. The title is shown in status lines, logs and Discord: control
        // characters from the page or feed stop here.
        string title = ControlCharacters.StripToLine((kind == ContentKind.Article && episode is null ? ReadTitle(trimmed, bytes, mediaType, cancellationToken) : null) ?? fallbackTitle);
        string path = $"runs/{runId}/source.{ContentTypes.StorageExtension(kind, mediaType)}";
        ArtifactRef raw = await store.PutAsync(path, bytes, mediaType, cancellationToken);
        var content = new AcquiredContent(trimmed, kind, title, mediaType, raw, Episode: episode);
        return pieces.NeedsPieces(content) ? content with { TranscribeInPieces = true } : content;
    }

    private async Task<(ContentKind Kind, string MediaType, byte[] Bytes, string Title, FeedEpisode? Episode)> ReadAsync(string source, CancellationToken cancellationToken)
    {
        Match scheme = Scheme().Match(source);
        if (!scheme.Success)
        {
            LocalFile file = await files.ReadAsync(source, cancellationToken);
            return (file.Kind, file.MediaType, file.Bytes, Path.GetFileNameWithoutExtension(file.FullPath), null);
        }

        string name = scheme.Groups["scheme"].Value.ToLowerInvariant();
        if (name is not ("http" or "https"))
        {
            throw new ContentRefusedException(source, $"{name}: links are not supported", "Give an http(s) link or a local file path.");
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out Uri? url))
        {
            throw new ContentRefusedException(source, "it is not a valid link", "Check the link.");
        }

        VideoPages.EnsureNotVideoPage(url, source);
        FetchedContent fetched = await fetcher.FetchAsync(url, cancellationToken);
        string title = TitleFromUrl(fetched.FinalUrl);
        FeedEpisode? episode = null;
        if (fetched.Kind == ContentKind.Article && fetched.FinalUrl != url)
        {
            // A short link can redirect to a video page.
            VideoPages.EnsureNotVideoPage(fetched.FinalUrl, $"{fetched.FinalUrl.AbsoluteUri} (redirected from {source})");
        }
        else if (fetched.Kind == ContentKind.Feed || (fetched.Kind == ContentKind.PlainText && FeedParser.LooksLikeFeed(fetched.Bytes)))
        {
            ResolvedEpisode resolved = await _feeds.ResolveAsync(source, fetched, url.Fragment, cancellationToken);
            (fetched, episode, title) = (resolved.Content, resolved.Episode, resolved.Title);
        }

        string mediaType = fetched.Charset is null ? fetched.MediaType : $"{fetched.MediaType}; charset={fetched.Charset}";
        return (fetched.Kind, mediaType, fetched.Bytes, title, episode);
    }

    private string? ReadTitle(string source, byte[] bytes, string mediaType, CancellationToken cancellationToken) =>
        budget.Run(source, token => HtmlTextExtractor.ReadTitle(TextDecoder.Decode(bytes, mediaType), token), cancellationToken);

    private static string TitleFromUrl(Uri url)
    {
        string last = Uri.UnescapeDataString(url.AbsolutePath.TrimEnd('/').Split('/')[^1]);
        string name = Path.GetFileNameWithoutExtension(last);
        return string.IsNullOrWhiteSpace(name) ? url.Host : name;
    }

    // Two letters or more, so a Windows drive ("C:\notes.txt") reads as a path, not a scheme.
    [GeneratedRegex("^(?<scheme>[A-Za-z][A-Za-z0-9+.-]+):")]
    private static partial Regex Scheme();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex RunId();
}
