using System.Text.RegularExpressions;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;
using AutoIntel.Ingestion.Feeds;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.Ingestion.Files;
using AutoIntel.Ingestion.Transcription;
using AutoIntel.Ingestion.Video;
using AutoIntel.Storage;

namespace AutoIntel.Ingestion;

/// <summary>Decides whether a source is a link or a local file, acquires it under the fetch limits, and stores the raw bytes at <c>runs/{runId}/source.{ext}</c>;
/// marks audio too large for one transcription request to be transcribed in pieces.</summary>
/// <remarks>A podcast feed link stores its chosen episode's transcript or audio instead (<see cref="FeedEpisodeResolver"/>); a video link its captions
/// or audio (<see cref="VideoAcquirer"/>). Audio and videos the tenant already had transcribed are marked to reuse that transcript
/// (<see cref="TranscriptCache"/>): a cached video is not even downloaded.</remarks>
public sealed partial class ContentAcquirer(
    SafeHttpFetcher fetcher, LocalFileReader files, IArtifactStore store, PieceTranscriber pieces, ISpeechToText speechToText, ParseBudget budget,
    VideoAcquirer videos, FetchPolicy policy) : IContentAcquirer
{
    private readonly FeedEpisodeResolver _feeds = new(fetcher, speechToText);
    private readonly TranscriptCache _cache = new(store);

    /// <inheritdoc />
    public async Task<AcquiredContent> AcquireAsync(string source, string runId, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        if (!RunId().IsMatch(runId ?? string.Empty))
        {
            throw new ArgumentException($"Run id '{runId}' must be 1-128 letters, digits, '-' or '_'.", nameof(runId));
        }

        string trimmed = source.Trim();
        if (trimmed.Length == 0)
        {
            throw new PermanentFailureException("Nothing to analyse: give a link or a file path.");
        }

        Read read;
        if (ParseLink(trimmed) is not null)
        {
            read = await ReadAsync(trimmed, cancellationToken);
        }
        else
        {
            LocalFile file = LocalFileReader.Find(trimmed);
            if (file.Kind != ContentKind.Article)
            {
                return await AcquireFileAsync(file, runId!, tenant, cancellationToken);
            }

            // HTML is parsed whole, and its head read before it is stored, as a page's is.
            using var html = new MemoryStream();
            await files.CopyAsync(file, html, cancellationToken);
            read = new Read(file.Kind, file.MediaType, html.ToArray(), Path.GetFileNameWithoutExtension(file.FullPath), null);
        }

        if (read.Video is { } video)
        {
            return await AcquireVideoAsync(trimmed, video, runId!, tenant, cancellationToken);
        }

        (ContentKind kind, string mediaType, byte[] bytes, string fallbackTitle, FeedEpisode? episode, _, string? declared) = read;
        if (ContentTypes.IsText(kind) && TextDecoder.LooksBinary(bytes))
        {
            throw new ContentRefusedException(trimmed, $"it is labelled {ContentTypes.BaseMediaType(mediaType)} but contains binary data", null);
        }

        if (ContentTypes.IsText(kind) && TextDecoder.Problem(bytes, mediaType) is { } encoding)
        {
            throw new ContentRefusedException(trimmed, encoding, null);
        }

        // An episode's title names the episode; an HTML transcript's own <title> would not. Read before storing, so a page
        // too deep or too slow to parse is refused here. The title is shown in status lines, logs and Discord: control
        // characters from the page or feed stop here.
        HtmlHead? head = kind == ContentKind.Article ? ReadHead(trimmed, bytes, mediaType, cancellationToken) : null;
        string title = ControlCharacters.StripToLine((episode is null ? head?.Title : null) ?? fallbackTitle);
        string? language = kind == ContentKind.Subtitles ? HeaderLanguage(TextDecoder.OpenReader(bytes, mediaType)) ?? declared : DeclaredLanguage(head, declared);
        return await StoreAsync(new AcquiredContent(trimmed, kind, title, mediaType, null!, Episode: episode, Language: language), bytes, runId!, tenant, cancellationToken);
    }

    // Any other local file is copied to the store in pieces, checked as it goes: a refusal midway stores nothing.
    private async Task<AcquiredContent> AcquireFileAsync(LocalFile file, string runId, string tenant, CancellationToken cancellationToken)
    {
        LocalFileCopy? copy = null;
        ArtifactRef raw = await store.PutStreamAsync(
            SourcePath(runId, file.Kind, file.MediaType), async (to, token) => copy = await files.CopyAsync(file, to, token), file.MediaType, cancellationToken);

        string? language = NamedLanguage(file.Kind, file.FullPath);
        if (file.Kind == ContentKind.Subtitles)
        {
            language = HeaderLanguage(TextDecoder.OpenReader(await store.OpenReadAsync(raw.Path, cancellationToken), copy!.Encoding!)) ?? language;
        }

        var content = new AcquiredContent(file.Source, file.Kind, ControlCharacters.StripToLine(Path.GetFileNameWithoutExtension(file.FullPath)), file.MediaType, raw, Language: language);
        string? cachePath = file.Kind == ContentKind.Audio ? TranscriptCache.PathForHash(tenant, copy!.Sha256!) : null;
        return await WithCacheAsync(content, cachePath, cancellationToken);
    }

    // What the content says its language is; the page's own markup outranks the server's header, which outranks og:locale
    // (a page's description for sharing, often a site-wide default).
    private static string? DeclaredLanguage(HtmlHead? head, string? declared) => head?.Language ?? declared ?? head?.Locale;

    // Subtitles: the WebVTT header's language, read from the start of the text (the reader is disposed).
    private static string? HeaderLanguage(TextReader text)
    {
        using (text)
        {
            return SubtitleParser.HeaderLanguage(text);
        }
    }

    private static string SourcePath(string runId, ContentKind kind, string mediaType) => $"runs/{runId}/source.{ContentTypes.StorageExtension(kind, mediaType)}";

    // Audio is cached by what it is, not where it came from: the same episode from another feed or file is still paid for once.
    private async Task<AcquiredContent> StoreAsync(AcquiredContent content, byte[] bytes, string runId, string tenant, CancellationToken cancellationToken)
    {
        ArtifactRef raw = await store.PutAsync(SourcePath(runId, content.Kind, content.MediaType), bytes, content.MediaType, cancellationToken);
        string? cachePath = content.Video is { } info ? TranscriptCache.PathForVideo(tenant, info.Site, info.Id)
            : content.Kind == ContentKind.Audio ? TranscriptCache.PathForContent(tenant, bytes)
            : null;
        return await WithCacheAsync(content with { Raw = raw }, cachePath, cancellationToken);
    }

    // The stored content marked with its transcript cache entry (when it has one) and, when not cached, whether to transcribe it in pieces.
    private async Task<AcquiredContent> WithCacheAsync(AcquiredContent content, string? cachePath, CancellationToken cancellationToken)
    {
        if (cachePath is not null)
        {
            bool cached = await _cache.ExistsAsync(cachePath, cancellationToken);
            content = content with { TranscriptCachePath = cachePath, TranscriptCached = cached };
        }

        return !content.TranscriptCached && pieces.NeedsPieces(content) ? content with { TranscribeInPieces = true } : content;
    }

    private async Task<AcquiredContent> AcquireVideoAsync(string source, VideoLink link, string runId, string tenant, CancellationToken cancellationToken)
    {
        VideoMetadata video = await videos.ReadMetadataAsync(link.Url, link.Site, source, cancellationToken);
        string title = ControlCharacters.StripToLine(video.Title);
        string cachePath = TranscriptCache.PathForVideo(tenant, video.Site, video.Id);
        if (await _cache.ExistsAsync(cachePath, cancellationToken))
        {
            // Known video: its transcript stands in for the download (no captions or audio fetched, nothing transcribed).
            ArtifactRef transcript = await _cache.ReferenceAsync(cachePath, cancellationToken);
            VideoInfo info = new(video.Site, video.Id, video.Channel, video.Duration, video.Uploaded, "cached transcript");
            return new AcquiredContent(source, ContentKind.Subtitles, title, transcript.MediaType, transcript, Video: info, TranscriptCachePath: cachePath, TranscriptCached: true);
        }

        VideoDownload download = await videos.DownloadAsync(video, link.Site, source, cancellationToken);
        var content = new AcquiredContent(source, download.Kind, title, download.MediaType, null!, Video: download.Info, Language: LanguageTag.Primary(download.Info.Language));
        return await StoreAsync(content, download.Bytes, runId, tenant, cancellationToken);
    }

    /// <inheritdoc />
    public async Task CheckAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        string trimmed = source.Trim();
        if (trimmed.Length == 0)
        {
            throw new PermanentFailureException("Nothing to analyse: give a link or a file path.");
        }

        if (ParseLink(trimmed) is null)
        {
            await files.CheckAsync(trimmed, cancellationToken);
        }
    }

    private async Task<Read> ReadAsync(string source, CancellationToken cancellationToken)
    {
        Uri url = ParseLink(source)!;
        if (VideoPages.Find(url) is { } site)
        {
            return Read.OfVideo(new VideoLink(url, site));
        }

        FetchedContent fetched = await fetcher.FetchAsync(url, cancellationToken);
        string title = TitleFromUrl(fetched.FinalUrl);
        string mediaType = MediaTypeOf(fetched);
        FeedEpisode? episode = null;
        if (fetched.Kind == ContentKind.Article && fetched.FinalUrl != url && VideoPages.Find(fetched.FinalUrl) is { } redirected)
        {
            // A short link can redirect to a video page.
            return Read.OfVideo(new VideoLink(fetched.FinalUrl, redirected));
        }

        if (fetched.Kind == ContentKind.Article && policy.IsAllowedHost(fetched.FinalUrl.Host)
            && PageMedia.HasMedia(TextDecoder.Decode(fetched.Bytes, mediaType)))
        {
            // Only on hosts the user allowed may yt-dlp's generic extractor read a page's own <video> and <track> elements.
            // The fragment, if any, names one of several videos on the page (a watch's item, VideoEntry.Link).
            return Read.OfVideo(new VideoLink(new UriBuilder(fetched.FinalUrl) { Fragment = url.Fragment.TrimStart('#') }.Uri, VideoPages.AllowedPage));
        }

        if (fetched.Kind == ContentKind.Feed || (fetched.Kind == ContentKind.PlainText && FeedParser.LooksLikeFeed(fetched.Bytes)))
        {
            ResolvedEpisode resolved = await _feeds.ResolveAsync(source, fetched, url.Fragment, cancellationToken);
            (fetched, episode, title) = (resolved.Content, resolved.Episode, resolved.Title);
            mediaType = MediaTypeOf(fetched);
            return new Read(fetched.Kind, mediaType, fetched.Bytes, title, episode, Language: resolved.Language);
        }

        string? language = LanguageTag.Primary(fetched.ContentLanguage) ?? NamedLanguage(fetched.Kind, fetched.FinalUrl.AbsolutePath);
        return new Read(fetched.Kind, mediaType, fetched.Bytes, title, episode, Language: language);
    }

    private static string MediaTypeOf(FetchedContent fetched) => fetched.Charset is null ? fetched.MediaType : $"{fetched.MediaType}; charset={fetched.Charset}";

    private HtmlHead ReadHead(string source, byte[] bytes, string mediaType, CancellationToken cancellationToken) =>
        budget.Run(source, token => HtmlTextExtractor.ReadHead(TextDecoder.Decode(bytes, mediaType), token), cancellationToken);

    // Subtitle files are named by language (talk.de.vtt, as yt-dlp and most players write them); other files are not.
    private static string? NamedLanguage(ContentKind kind, string path) => kind == ContentKind.Subtitles ? LanguageTag.FromFileName(Uri.UnescapeDataString(path)) : null;

    private static string TitleFromUrl(Uri url)
    {
        string last = Uri.UnescapeDataString(url.AbsolutePath.TrimEnd('/').Split('/')[^1]);
        string name = Path.GetFileNameWithoutExtension(last);
        return string.IsNullOrWhiteSpace(name) ? url.Host : name;
    }

    // Two letters or more, so a Windows drive ("C:\notes.txt") reads as a path, not a scheme.
    // The link a source names (null for a local path); refuses other schemes and malformed links.
    private static Uri? ParseLink(string source)
    {
        Match scheme = Scheme().Match(source);
        if (!scheme.Success)
        {
            return null;
        }

        string name = scheme.Groups["scheme"].Value.ToLowerInvariant();
        if (name is not ("http" or "https"))
        {
            throw new ContentRefusedException(source, $"{name}: links are not supported", "Give an http(s) link or a local file path.");
        }

        return Uri.TryCreate(source, UriKind.Absolute, out Uri? url) ? url : throw new ContentRefusedException(source, "it is not a valid link", "Check the link.");
    }

    [GeneratedRegex("^(?<scheme>[A-Za-z][A-Za-z0-9+.-]+):")]
    private static partial Regex Scheme();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex RunId();

    private sealed record VideoLink(Uri Url, VideoSite Site);

    // What a source turned out to be: bytes to store, or a video link for yt-dlp; Language is what the server, the feed or the file's name declares.
    private sealed record Read(ContentKind Kind, string MediaType, byte[] Bytes, string Title, FeedEpisode? Episode, VideoLink? Video = null, string? Language = null)
    {
        public static Read OfVideo(VideoLink link) => new(ContentKind.Article, string.Empty, [], string.Empty, null, link);
    }
}
