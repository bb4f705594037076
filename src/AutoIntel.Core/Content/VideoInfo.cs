namespace AutoIntel.Core.Content;

/// <summary>What yt-dlp said about a video link, and which of its tracks the transcript came from.</summary>
/// <param name="Site">The extractor that read it (e.g. <c>youtube</c>, <c>twitch:vod</c>, <c>html5</c> for a page's own video element).</param>
/// <param name="Id">The site's id of the video; with <paramref name="Site"/>, the key its transcript is cached under.</param>
/// <param name="Channel">The channel or uploader, when the site names one.</param>
/// <param name="Duration">How long it is, when the site says.</param>
/// <param name="Uploaded">The upload date, when the site says.</param>
/// <param name="Track">Where the words came from: <c>subtitles</c>, <c>automatic captions</c> or <c>audio</c>.</param>
/// <param name="Language">The caption language chosen (e.g. <c>en</c>), when captions were read.</param>
public sealed record VideoInfo(string Site, string Id, string? Channel, TimeSpan? Duration, DateOnly? Uploaded, string Track, string? Language = null);
