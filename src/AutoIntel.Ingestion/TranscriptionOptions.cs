using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Ingestion;

/// <summary>How audio is sized for the transcription endpoint (configuration section "Transcription").</summary>
public sealed class TranscriptionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Transcription";

    /// <summary>Audio larger than this is split into pieces of at most this many bytes, each transcribed by its own activity.</summary>
    [Range(4096L, 2_000_000_000L)]
    public long PieceBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The largest file the transcription endpoint accepts (OpenAI: 25 MB); audio that cannot be split must fit under it.</summary>
    [Range(4096L, 2_000_000_000L)]
    public long MaxUploadBytes { get; set; } = 25L * 1024 * 1024;
}
