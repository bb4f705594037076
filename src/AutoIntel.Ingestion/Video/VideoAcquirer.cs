using System.Globalization;
using System.Net;
using System.Text.Json;
using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Video;

/// <summary>Reads a video link through yt-dlp: metadata first (refusing live and too-long videos before any download), then captions,
/// or the audio when there are none.</summary>
/// <remarks>The link passes the SSRF guard before yt-dlp sees it; yt-dlp only ever uses the site's own extractors (<see cref="VideoSite"/>).</remarks>
public sealed class VideoAcquirer(YtDlpRunner ytDlp, FetchPolicy policy, IHostResolver resolver, IOptions<VideoOptions> options, IOptions<FetchOptions> fetchOptions)
{
    private const string InfoFile = "info.json";
    private const string OutputTemplate = "media.%(ext)s";

    private readonly VideoOptions _options = options.Value;
    private readonly FetchOptions _fetch = fetchOptions.Value;

    /// <summary>Checks the link, asks yt-dlp what the video is (no download) and refuses playlists, live streams and videos over <see cref="VideoOptions.MaxDuration"/>.</summary>
    public async Task<VideoMetadata> ReadMetadataAsync(Uri url, VideoSite site, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(site);
        await EnsureLinkAllowedAsync(url, subject, cancellationToken);

        using WorkFolder work = WorkFolder.Create(_options.TempPath);
        // A page the user allowed may hold several videos; a watch names one of them by id in the fragment (VideoEntry.Link).
        string? entryId = site == VideoPages.AllowedPage && url.Fragment.Length > 1 ? Uri.UnescapeDataString(url.Fragment[1..]) : null;
        string link = entryId is null ? url.AbsoluteUri : new UriBuilder(url) { Fragment = string.Empty }.Uri.AbsoluteUri;
        YtDlpResult result = await ytDlp.RunAsync(
            subject, site.Extractors, entryId is null ? ["--dump-single-json", "--", link] : ["--dump-single-json", "--yes-playlist", "--", link], work.Path, cancellationToken);
        ThrowIfFailed(result, subject);
        VideoMetadata video = VideoMetadata.Parse(entryId is null ? result.Output : EntryJson(result.Output, entryId, subject), subject);
        if (entryId is not null)
        {
            // yt-dlp numbers a page's videos by position (page-1, page-2): known by what the fragment names instead, so the
            // transcript cache never hands one video the transcript of another that once stood in the same place.
            video = video with { Id = entryId };
        }

        if (video.IsLive)
        {
            throw new ContentRefusedException(subject, "it is a live stream (or has not started yet)", "Try again once it has ended and the recording is up.");
        }

        if (video.Duration > _options.MaxDuration)
        {
            throw new ContentRefusedException(subject, $"the video is {Describe(video.Duration.Value)} long, over the {Describe(_options.MaxDuration)} limit", "Raise Acquire__MaxDuration to accept longer videos.");
        }

        return video;
    }

    /// <summary>
    /// Lists the newest <paramref name="newest"/> videos of a channel, user or playlist (or of a page the user allowed that holds
    /// several), without downloading or even opening them (<c>--flat-playlist</c>), after the same link check as a video.
    /// </summary>
    public async Task<IReadOnlyList<VideoEntry>> ListAsync(Uri url, VideoSite site, int newest, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(site);
        await EnsureLinkAllowedAsync(url, subject, cancellationToken);

        using WorkFolder work = WorkFolder.Create(_options.TempPath);
        YtDlpResult result = await ytDlp.RunAsync(subject, site.Extractors,
        [
            "--yes-playlist", "--flat-playlist", "--dump-single-json", "--playlist-end", newest.ToString(CultureInfo.InvariantCulture), "--", url.AbsoluteUri,
        ], work.Path, cancellationToken);
        ThrowIfFailed(result, subject);
        return VideoEntry.Parse(result.Output, url, subject);
    }

    /// <summary>Fetches the best caption track (<see cref="CaptionPicker"/>), or the audio when the video has no readable captions.</summary>
    public async Task<VideoDownload> DownloadAsync(VideoMetadata video, VideoSite site, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(site);
        using WorkFolder work = WorkFolder.Create(_options.TempPath);
        // The JSON already read is handed back, so the video checked is the video fetched, and the page is not read twice.
        await File.WriteAllTextAsync(Path.Combine(work.Path, InfoFile), video.InfoJson, cancellationToken);

        if (CaptionPicker.Pick(video, _options.CaptionLanguages) is { } caption
            && await DownloadCaptionsAsync(video, site, caption, work, subject, cancellationToken) is { } captions)
        {
            return captions;
        }

        return await DownloadAudioAsync(video, site, work, subject, cancellationToken);
    }

    private async Task<VideoDownload?> DownloadCaptionsAsync(VideoMetadata video, VideoSite site, CaptionChoice caption, WorkFolder work, string subject, CancellationToken cancellationToken)
    {
        YtDlpResult result = await ytDlp.RunAsync(subject, site.Extractors,
        [
            "--load-info-json", InfoFile, "--skip-download", caption.Automatic ? "--write-auto-subs" : "--write-subs",
            "--sub-langs", caption.Language, "--sub-format", "vtt/srt/best", "-o", OutputTemplate,
        ], work.Path, cancellationToken);
        ThrowIfFailed(result, subject);

        // Only formats the subtitle parser reads; anything else (TTML, JSON3) falls back to the audio.
        foreach (string file in Directory.EnumerateFiles(work.Path, "media.*"))
        {
            string extension = Path.GetExtension(file);
            if (ContentTypes.ForExtension(extension) is { Kind: ContentKind.Subtitles } type)
            {
                byte[] bytes = await ReadBoundedAsync(file, _fetch.MaxBytes, subject, "captions", nameof(FetchOptions.MaxBytes), cancellationToken);
                string track = caption.Automatic ? "automatic captions" : "subtitles";
                return new VideoDownload(ContentKind.Subtitles, type.MediaType, bytes, Info(video, track, caption.Language));
            }
        }

        return null;
    }

    private async Task<VideoDownload> DownloadAudioAsync(VideoMetadata video, VideoSite site, WorkFolder work, string subject, CancellationToken cancellationToken)
    {
        // With ffmpeg, any audio (or a video's sound track) becomes MP3, which long-audio transcription can split; without it,
        // only an audio-only format is taken, as it is.
        bool ffmpeg = ExecutableLocator.Find("ffmpeg") is not null && ExecutableLocator.Find("ffprobe") is not null;
        if (!ffmpeg && !video.HasAudioOnlyFormat)
        {
            throw new ContentRefusedException(subject, "the video has no captions and no audio-only format, and ffmpeg is not installed to take the sound from it",
                "Install ffmpeg (apt-get install ffmpeg), or pass the video's subtitles or audio file.");
        }

        string filter = $"!is_live & duration <=? {(long)_options.MaxDuration.TotalSeconds}";
        List<string> arguments =
        [
            "--load-info-json", InfoFile, "-f", ffmpeg ? "ba/b" : "ba", "--max-filesize", _fetch.MaxAudioBytes.ToString(CultureInfo.InvariantCulture),
            "--match-filter", filter, "--no-part", "-o", OutputTemplate,
        ];
        if (ffmpeg)
        {
            arguments.AddRange(["-x", "--audio-format", "mp3"]);
        }

        YtDlpResult result = await ytDlp.RunAsync(subject, site.Extractors, arguments, work.Path, cancellationToken);
        ThrowIfFailed(result, subject);
        string? file = Directory.EnumerateFiles(work.Path, "media.*")
            .FirstOrDefault(f => ContentTypes.ForExtension(Path.GetExtension(f)) is { Kind: ContentKind.Audio });
        if (file is null)
        {
            // yt-dlp skips (exit code 0) what --max-filesize or --match-filter refuse.
            string said = result.Output + "\n" + result.Errors;
            throw said.Contains("max-filesize", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(subject)
                : new ContentRefusedException(subject, said.Contains("does not pass filter", StringComparison.OrdinalIgnoreCase)
                    ? "it is a live stream or longer than the limit"
                    : "yt-dlp found no captions and no audio to download", VideoPages.Fix);
        }

        byte[] audio = await ReadBoundedAsync(file, _fetch.MaxAudioBytes, subject, "audio", nameof(FetchOptions.MaxAudioBytes), cancellationToken);
        string mediaType = ContentTypes.ForExtension(Path.GetExtension(file))!.Value.MediaType;
        return new VideoDownload(ContentKind.Audio, mediaType, audio, Info(video, "audio", null));
    }

    private async Task EnsureLinkAllowedAsync(Uri url, string subject, CancellationToken cancellationToken)
    {
        policy.EnsureUrlAllowed(url, subject);
        string host = FetchPolicy.NormalizeHost(url.Host);
        if (policy.IsAllowedHost(host) || IPAddress.TryParse(host, out _))
        {
            return;
        }

        try
        {
            policy.EnsureAddressesAllowed(host, await resolver.ResolveAsync(host, cancellationToken), subject);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new ContentRefusedException(subject, $"the host {host} could not be found", "Check the link.", ex);
        }
    }

    private static string EntryJson(string json, string entryId, string subject)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (!root.TryGetProperty("entries", out JsonElement entries) || entries.ValueKind != JsonValueKind.Array)
            {
                return json;
            }

            foreach (JsonElement entry in entries.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object
                    && ((entry.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String && id.GetString() == entryId)
                        || VideoEntry.MediaUrl(entry) == entryId))
                {
                    return entry.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            return json;
        }

        throw new ContentRefusedException(subject, "the page no longer holds that video", null);
    }

    private static void ThrowIfFailed(YtDlpResult result, string subject)
    {
        if (result.ExitCode == 0)
        {
            return;
        }

        if (YtDlpErrors.IsTransient(result.Errors))
        {
            // Rate limits and dropped connections: the durable retry policy tries again.
            throw new HttpRequestException($"yt-dlp could not read {subject}: {YtDlpErrors.Reason(result.Errors)}.");
        }

        throw new ContentRefusedException(subject, YtDlpErrors.Reason(result.Errors), null);
    }

    private static async Task<byte[]> ReadBoundedAsync(string file, long maxBytes, string subject, string what, string setting, CancellationToken cancellationToken)
    {
        if (new FileInfo(file).Length > maxBytes)
        {
            throw new ContentRefusedException(subject, $"the {what} is larger than the {SafeHttpFetcher.DescribeBytes(maxBytes)} limit", $"Raise Fetch__{setting} to accept larger content.");
        }

        return await File.ReadAllBytesAsync(file, cancellationToken);
    }

    private ContentRefusedException TooLarge(string subject) =>
        new(subject, $"the audio is larger than the {SafeHttpFetcher.DescribeBytes(_fetch.MaxAudioBytes)} limit", "Raise Fetch__MaxAudioBytes to accept larger content.");

    private static VideoInfo Info(VideoMetadata video, string track, string? language) =>
        new(video.Site, video.Id, video.Channel, video.Duration, video.Uploaded, track, language);

    /// <summary>A duration for messages: "5 h 0 min", "12 min 5 s", "40 s".</summary>
    internal static string Describe(TimeSpan time) =>
        time.TotalHours >= 1 ? $"{(int)time.TotalHours} h {time.Minutes} min"
        : time.TotalMinutes >= 1 ? $"{time.Minutes} min {time.Seconds} s"
        : $"{time.Seconds} s";
}
