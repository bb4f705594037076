using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutoIntel.Ingestion.Video;

/// <summary>The fields of yt-dlp's <c>--dump-single-json</c> that AutoIntel uses, and the JSON itself (handed back with <c>--load-info-json</c>).</summary>
/// <param name="Subtitles">Languages of uploaded subtitles (chat replays left out).</param>
/// <param name="AutomaticCaptions">Languages of automatic (speech-recognised or translated) captions.</param>
/// <param name="HasAudioOnlyFormat">Whether a format without video exists, so audio can be fetched without ffmpeg.</param>
public sealed partial record VideoMetadata(
    string InfoJson,
    string Site,
    string Id,
    string Title,
    string? Channel,
    TimeSpan? Duration,
    DateOnly? Uploaded,
    bool IsLive,
    string? Language,
    IReadOnlyList<string> Subtitles,
    IReadOnlyList<string> AutomaticCaptions,
    bool HasAudioOnlyFormat)
{
    // Chat replays are listed as subtitles by YouTube and Twitch: not words spoken in the video.
    private static readonly HashSet<string> NotCaptions = new(StringComparer.OrdinalIgnoreCase) { "live_chat", "rechat", "danmaku" };

    /// <summary>Parses the JSON; a playlist, or JSON without an id, is refused about <paramref name="subject"/>.</summary>
    public static VideoMetadata Parse(string json, string subject)
    {
        JsonElement root = YtDlpJson.Root(json, subject, "description of the video", "video");

        if (String(root, "_type") is "playlist" or "multi_video")
        {
            throw new ContentRefusedException(subject, "it is a playlist or a page of several videos", "Link one video.");
        }

        string id = String(root, "id") ?? throw new ContentRefusedException(subject, "yt-dlp found no video id at this link", null);
        string site = (String(root, "extractor") ?? "video").ToLowerInvariant();
        string liveStatus = String(root, "live_status") ?? string.Empty;
        bool isLive = Bool(root, "is_live") || liveStatus is "is_live" or "is_upcoming";
        return new VideoMetadata(
            json,
            site,
            id,
            CleanTitle(String(root, "title") ?? String(root, "fulltitle") ?? id, site),
            String(root, "channel") ?? String(root, "uploader") ?? String(root, "creator"),
            Number(root, "duration") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null,
            DateOnly.TryParseExact(String(root, "upload_date"), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day) ? day : null,
            isLive,
            String(root, "language"),
            Languages(root, "subtitles"),
            Languages(root, "automatic_captions"),
            root.TryGetProperty("formats", out JsonElement formats) && formats.ValueKind == JsonValueKind.Array
                && formats.EnumerateArray().Any(f => String(f, "vcodec") == "none" && String(f, "acodec") != "none"));
    }

    // yt-dlp names the one media element of a page "Page title (1)".
    private static string CleanTitle(string title, string site) => site == "html5" ? FirstEntrySuffix().Replace(title, string.Empty) : title;

    private static IReadOnlyList<string> Languages(JsonElement root, string property) =>
        root.TryGetProperty(property, out JsonElement tracks) && tracks.ValueKind == JsonValueKind.Object
            ? [.. tracks.EnumerateObject().Where(t => !NotCaptions.Contains(t.Name) && t.Value.ValueKind == JsonValueKind.Array && t.Value.GetArrayLength() > 0).Select(t => t.Name)]
            : [];

    private static string? String(JsonElement element, string property) => YtDlpJson.String(element, property);

    private static double? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static bool Bool(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.True;

    [GeneratedRegex(@"\s\(1\)$")]
    private static partial Regex FirstEntrySuffix();
}
