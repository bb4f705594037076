using AutoIntel.Core.Content;
using AutoIntel.Storage;

namespace AutoIntel.Ingestion;

/// <summary>Stage 3: turns acquired content into a transcript (subtitles parsed, HTML made readable, text passed through).</summary>
public interface ITranscriber
{
    /// <summary>Produces the transcript; content it cannot handle offline throws <see cref="AutoIntel.Core.PermanentFailureException"/>.</summary>
    Task<Transcript> TranscribeAsync(AcquiredContent content, CancellationToken cancellationToken = default);

    /// <summary>Produces the transcript and stores it at <paramref name="path"/> (see <see cref="TranscriptArtifact"/>), a long text
    /// transcript one segment at a time as it is parsed, so it is never held whole; fails as <see cref="TranscribeAsync"/> does, storing nothing.</summary>
    Task<StoredTranscript> TranscribeToAsync(AcquiredContent content, string path, CancellationToken cancellationToken = default);
}
