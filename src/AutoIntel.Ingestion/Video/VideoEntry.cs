using System.Text.Json;

namespace AutoIntel.Ingestion.Video;

/// <summary>One video of a channel, user or playlist as yt-dlp's <c>--flat-playlist</c> lists it.</summary>
/// <param name="Key">Extractor and video id (<c>youtube:dQw4w9WgXcQ</c>): the same video under the same key on every poll.</param>
/// <param name="Link">The video's own page; for a video that only exists on the listed page (several <c>&lt;video&gt;</c>
/// elements on one page) that page with the video's media URL as its fragment, which <see cref="VideoAcquirer"/> reads as that one video.</param>
public sealed record VideoEntry(string Key, string Title, string Link)
{
    /// <summary>The entries of yt-dlp's JSON for <paramref name="listUrl"/>, in its order (newest first for channels); entries without an id are skipped.</summary>
    public static IReadOnlyList<VideoEntry> Parse(string json, Uri listUrl, string subject)
    {
        ArgumentNullException.ThrowIfNull(listUrl);
        JsonElement root = YtDlpJson.Root(json, subject, "list of videos", "videos");

        // A page with one video is a list of one.
        IEnumerable<JsonElement> entries = root.TryGetProperty("entries", out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : [root];
        string listSite = String(root, "extractor") ?? "video";
        var found = new List<VideoEntry>();
        foreach (JsonElement entry in entries.Where(e => e.ValueKind == JsonValueKind.Object))
        {
            if (String(entry, "id") is not { } id)
            {
                continue;
            }

            string site = (String(entry, "ie_key") ?? String(entry, "extractor") ?? listSite).ToLowerInvariant();
            string title = String(entry, "title") ?? id;
            string link = LinkOf(entry, listUrl, out bool onListedPage);
            // yt-dlp numbers the videos of one page by position (page-1, page-2), which shifts when the page adds one: such a
            // video is known by its media URL instead.
            string name = onListedPage ? MediaUrl(entry) ?? id : id;
            found.Add(new VideoEntry($"{site}:{name}", title, onListedPage ? new UriBuilder(listUrl) { Fragment = Uri.EscapeDataString(name) }.Uri.AbsoluteUri : link));
        }

        return found;
    }

    private static string LinkOf(JsonElement entry, Uri listUrl, out bool onListedPage)
    {
        onListedPage = false;

        // A reference to another page (channels, playlists): that page, without what yt-dlp smuggles into its fragment.
        if (String(entry, "_type") is "url" or "url_transparent"
            && Uri.TryCreate(String(entry, "url"), UriKind.Absolute, out Uri? page) && page.Scheme is "http" or "https")
        {
            return new UriBuilder(page) { Fragment = string.Empty }.Uri.AbsoluteUri;
        }

        if (Uri.TryCreate(String(entry, "webpage_url"), UriKind.Absolute, out Uri? own) && own.Scheme is "http" or "https"
            && !SamePage(own, listUrl))
        {
            return own.AbsoluteUri;
        }

        onListedPage = true;
        return listUrl.AbsoluteUri;
    }

    /// <summary>The entry's first media URL (a direct <c>url</c>, else its first format's): what a video on the listed page is known by.</summary>
    internal static string? MediaUrl(JsonElement entry) =>
        String(entry, "url") ?? (entry.TryGetProperty("formats", out JsonElement formats) && formats.ValueKind == JsonValueKind.Array
            ? formats.EnumerateArray().Select(f => f.ValueKind == JsonValueKind.Object ? String(f, "url") : null).FirstOrDefault(u => u is not null)
            : null);

    private static bool SamePage(Uri a, Uri b) =>
        string.Equals(a.GetLeftPart(UriPartial.Query), b.GetLeftPart(UriPartial.Query), StringComparison.OrdinalIgnoreCase);

    private static string? String(JsonElement element, string property) => YtDlpJson.String(element, property);
}
