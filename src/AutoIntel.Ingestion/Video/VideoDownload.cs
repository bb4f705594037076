using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion.Video;

/// <summary>The captions or audio yt-dlp fetched for a video.</summary>
/// <param name="Kind"><see cref="ContentKind.Subtitles"/> or <see cref="ContentKind.Audio"/>.</param>
/// <param name="MediaType">The file's media type (e.g. <c>text/vtt</c>, <c>audio/mpeg</c>).</param>
/// <param name="Bytes">The file.</param>
/// <param name="Info">What the site said about the video, and which track this is.</param>
public sealed record VideoDownload(ContentKind Kind, string MediaType, byte[] Bytes, VideoInfo Info);
