using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Ingestion.Video;

/// <summary>How video links are read through yt-dlp (configuration section "Acquire").</summary>
public sealed class VideoOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Acquire";

    /// <summary>The yt-dlp executable; null looks for <c>yt-dlp</c> on PATH.</summary>
    public string? YtDlpPath { get; set; }

    /// <summary>Videos longer than this are refused before anything is downloaded.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "24:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Time allowed for one yt-dlp call (reading the page, or downloading captions or audio); it is killed after that.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Caption languages to prefer after the video's own language, best first (e.g. <c>en</c>, <c>de</c>); empty means English.</summary>
    public List<string> CaptionLanguages { get; set; } = [];

    /// <summary>Where yt-dlp's working folders are made (one per call, deleted after it); null is the system temp folder.</summary>
    public string? TempPath { get; set; }
}
