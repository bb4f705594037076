namespace AutoIntel.Ingestion.Video;

/// <summary>A site whose video links yt-dlp reads, and the only extractors it may use for them.</summary>
/// <param name="Name">The site's name for messages (e.g. "YouTube").</param>
/// <param name="Extractors">yt-dlp extractor names, comma-separated, for <c>--use-extractors</c>.</param>
public sealed record VideoSite(string Name, string Extractors);
