using System.ComponentModel.DataAnnotations;
using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion.Fetching;

/// <summary>Limits and the SSRF allow-list for fetching links (configuration section "Fetch").</summary>
public sealed class FetchOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Fetch";

    /// <summary>Host names or IP literals fetched even when they resolve to non-public addresses; entries may be comma-separated.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The largest body accepted, in bytes (links and local files alike), for everything except audio.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The largest audio accepted (an <c>audio/*</c> response or a local audio file): an hour of podcast MP3 is about 60 MB.</summary>
    /// <remarks>Held in memory while it is stored and split, so it is capped below 2 GB.</remarks>
    [Range(1L, 2_000_000_000L)]
    public long MaxAudioBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The size limit for content of <paramref name="kind"/>.</summary>
    public long MaxBytesFor(ContentKind kind) => kind == ContentKind.Audio ? MaxAudioBytes : MaxBytes;

    /// <summary>The setting that raises the limit for content of <paramref name="kind"/>, for messages.</summary>
    public static string SettingFor(ContentKind kind) => kind == ContentKind.Audio ? "Fetch__MaxAudioBytes" : "Fetch__MaxBytes";

    /// <summary>Time allowed for the whole fetch, redirects and body included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many redirects are followed before giving up.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The User-Agent header sent with every request.</summary>
    [Required]
    public string UserAgent { get; set; } = "AutoIntel/1.0 (content-intelligence bot)";
}
