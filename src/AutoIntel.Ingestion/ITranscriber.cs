using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion;

/// <summary>Stage 3: turns acquired content into a transcript (subtitles parsed, HTML made readable, text passed through).</summary>
public interface ITranscriber
{
    /// <summary>Produces the transcript; content it cannot handle offline throws <see cref="AutoIntel.Core.PermanentFailureException"/>.</summary>
    Task<Transcript> TranscribeAsync(AcquiredContent content, CancellationToken cancellationToken = default);
}
