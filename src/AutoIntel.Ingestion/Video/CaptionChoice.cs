namespace AutoIntel.Ingestion.Video;

/// <summary>The caption track chosen for a video.</summary>
/// <param name="Language">The track's language key as yt-dlp lists it (passed to <c>--sub-langs</c>).</param>
/// <param name="Automatic">True for automatic captions, false for uploaded subtitles.</param>
public sealed record CaptionChoice(string Language, bool Automatic);
