using System.Text.RegularExpressions;
using AutoIntel.Ingestion.Video;

namespace AutoIntel.Ingestion;

/// <summary>Links to video hosts whose HTML is a player, not the content: read through yt-dlp with that host's extractors only.</summary>
/// <remarks>
/// The one list of such hosts. Only video paths are matched (a YouTube watch page, not youtube.com/about), and any host
/// not listed here is fetched as usual. The extractor names are yt-dlp's (<c>yt-dlp --list-extractors</c>), lower case.
/// </remarks>
public static partial class VideoPages
{
    /// <summary>What the user can pass instead of a video page when it cannot be read.</summary>
    public const string Fix = "Pass the video's subtitles (an .srt or .vtt file or link) or its audio file, or the podcast's RSS feed.";

    /// <summary>The extractors for a page on a host the user allowed: yt-dlp's generic extractor and its HTML5 <c>&lt;video&gt;</c>/<c>&lt;audio&gt;</c> reader.</summary>
    public static readonly VideoSite AllowedPage = new("video page", "generic,html5");

    private const string YouTubeExtractors = "youtube,youtube:clip";
    private const string VimeoExtractors = "vimeo";
    private const string TikTokExtractors = "tiktok,vm.tiktok";
    private const string TwitchExtractors = "twitch:vod,twitch:clips";
    private const string RedditExtractors = "reddit";

    private static readonly VideoHost[] Hosts =
    [
        new("YouTube", YouTubeExtractors, ["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"], YouTubePath()),
        new("YouTube", YouTubeExtractors, ["youtu.be", "www.youtu.be"], AnySegment()),
        new("Vimeo", VimeoExtractors, ["vimeo.com", "www.vimeo.com"], VimeoPath()),
        new("Vimeo", VimeoExtractors, ["player.vimeo.com"], AnySegment()),
        new("TikTok", TikTokExtractors, ["tiktok.com", "www.tiktok.com", "m.tiktok.com"], TikTokPath()),
        new("TikTok", TikTokExtractors, ["vm.tiktok.com", "vt.tiktok.com"], AnySegment()),
        new("Twitch", TwitchExtractors, ["twitch.tv", "www.twitch.tv", "m.twitch.tv"], TwitchPath()),
        new("Twitch", TwitchExtractors, ["clips.twitch.tv"], AnySegment()),
        new("Reddit", RedditExtractors, ["reddit.com", "www.reddit.com", "old.reddit.com", "new.reddit.com"], RedditPath()),
    ];

    // Channels, users and playlists: yt-dlp lists their newest videos (a watch's poll), each then read as a video page above.
    private static readonly VideoHost[] Channels =
    [
        new("YouTube", "youtube:tab", ["youtube.com", "www.youtube.com", "m.youtube.com"], YouTubeChannelPath()),
        new("Vimeo", "vimeo:channel,vimeo:user,vimeo:album,vimeo:group", ["vimeo.com", "www.vimeo.com"], VimeoChannelPath()),
        new("Twitch", "twitch:videos", ["twitch.tv", "www.twitch.tv", "m.twitch.tv"], TwitchChannelPath()),
    ];

    /// <summary>The host's name (e.g. "YouTube") when <paramref name="url"/> is a video page of a known host, else null.</summary>
    public static string? HostOf(Uri url) => Find(url)?.Name;

    /// <summary>The site and its extractors when <paramref name="url"/> is a video page of a known host, else null.</summary>
    public static VideoSite? Find(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return null;
        }

        string host = url.Host.ToLowerInvariant().TrimEnd('.');
        return Hosts.FirstOrDefault(h => h.Names.Contains(host, StringComparer.Ordinal) && h.Path.IsMatch(url.AbsolutePath))?.Site;
    }

    /// <summary>The site and its listing extractors when <paramref name="url"/> is a channel, user or playlist page of a known host, else null.</summary>
    public static VideoSite? FindChannel(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return null;
        }

        string host = url.Host.ToLowerInvariant().TrimEnd('.');
        string target = url.AbsolutePath + url.Query;
        return Channels.FirstOrDefault(h => h.Names.Contains(host, StringComparer.Ordinal) && h.Path.IsMatch(target))?.Site;
    }

    private sealed record VideoHost(string Name, string Extractors, string[] Names, Regex Path)
    {
        public VideoSite Site { get; } = new(Name, Extractors);
    }

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

    // /r/sub/comments/id/slug
    [GeneratedRegex("^/r/[^/]+/comments/[^/]+", RegexOptions.IgnoreCase)]
    private static partial Regex RedditPath();

    // /@handle, /channel/UC…, /c/name, /user/name (optionally /videos, /streams), /playlist?list=…
    [GeneratedRegex(@"^/(@[^/?]+|channel/[^/?]+|c/[^/?]+|user/[^/?]+)(/(videos|streams|shorts|featured))?/?(\?.*)?$|^/playlist\?(.*&)?list=", RegexOptions.IgnoreCase)]
    private static partial Regex YouTubeChannelPath();

    // /channels/name, /user123 or /name (a user), /album/123, /showcase/123, /groups/name
    [GeneratedRegex(@"^/(channels/[^/?]+|album/\d+|showcase/\d+|groups/[^/?]+|[a-z][\w-]*)/?(\?.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VimeoChannelPath();

    // /name/videos (a channel's past broadcasts and uploads)
    [GeneratedRegex(@"^/[^/?]+/videos/?(\?.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TwitchChannelPath();

    [GeneratedRegex("^/[^/]+")]
    private static partial Regex AnySegment();
}
