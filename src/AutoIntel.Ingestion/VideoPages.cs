using System.Text.RegularExpressions;

namespace AutoIntel.Ingestion;

/// <summary>Links to video hosts whose HTML is a player, not the content: refused before (and after) fetching, with what to pass instead.</summary>
/// <remarks>
/// The one list of such hosts. Only video paths are matched (a YouTube watch page, not youtube.com/about), and any host
/// not listed here is fetched as usual: other HTML is never refused by this list.
/// </remarks>
public static partial class VideoPages
{
    /// <summary>What the user can pass instead of a video page.</summary>
    public const string Fix = "Pass the video's subtitles (an .srt or .vtt file or link) or its audio file, or the podcast's RSS feed.";

    private static readonly VideoHost[] Hosts =
    [
        new("YouTube", ["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"], YouTubePath()),
        new("YouTube", ["youtu.be", "www.youtu.be"], AnySegment()),
        new("Vimeo", ["vimeo.com", "www.vimeo.com"], VimeoPath()),
        new("Vimeo", ["player.vimeo.com"], AnySegment()),
        new("TikTok", ["tiktok.com", "www.tiktok.com", "m.tiktok.com"], TikTokPath()),
        new("TikTok", ["vm.tiktok.com", "vt.tiktok.com"], AnySegment()),
        new("Twitch", ["twitch.tv", "www.twitch.tv", "m.twitch.tv"], TwitchPath()),
        new("Twitch", ["clips.twitch.tv"], AnySegment()),
    ];

    /// <summary>The host's name (e.g. "YouTube") when <paramref name="url"/> is a video page of a known host, else null.</summary>
    public static string? HostOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return null;
        }

        string host = url.Host.ToLowerInvariant().TrimEnd('.');
        return Hosts.FirstOrDefault(h => h.Names.Contains(host, StringComparer.Ordinal) && h.Path.IsMatch(url.AbsolutePath))?.Name;
    }

    /// <summary>Throws <see cref="ContentRefusedException"/> about <paramref name="subject"/> when <paramref name="url"/> is a video page.</summary>
    public static void EnsureNotVideoPage(Uri url, string subject)
    {
        if (HostOf(url) is { } name)
        {
            throw new ContentRefusedException(subject, $"AutoIntel cannot read video pages yet (this is a {name} video)", Fix);
        }
    }

    private sealed record VideoHost(string Name, string[] Names, Regex Path);

    // /watch, /shorts/x, /live/x, /embed/x, /v/x, /clip/x
    [GeneratedRegex("^/(watch/?$|(shorts|live|embed|v|clip)/[^/]+)", RegexOptions.IgnoreCase)]
    private static partial Regex YouTubePath();

    // vimeo.com/123456, vimeo.com/channels/staffpicks/123456, vimeo.com/123456/abcdef (unlisted hash)
    [GeneratedRegex(@"^/(.+/)?\d+(/[0-9a-f]+)?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex VimeoPath();

    // /@user/video/123, /t/abc, /embed/v2/123
    [GeneratedRegex("^/(@[^/]+/video/|t/|embed/)", RegexOptions.IgnoreCase)]
    private static partial Regex TikTokPath();

    // /videos/123, /channel/clip/slug, /channel/v/123
    [GeneratedRegex("^/(videos/[^/]+|[^/]+/(clip|v)/[^/]+)", RegexOptions.IgnoreCase)]
    private static partial Regex TwitchPath();

    [GeneratedRegex("^/[^/]+")]
    private static partial Regex AnySegment();
}
