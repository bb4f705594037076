using System.Text.Json.Serialization;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Ingestion;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Transcribe;

/// <summary>Stage 3: turns the acquired bytes into a transcript artifact (subtitles and text pass through, audio is transcribed).</summary>
public sealed class TranscribeContent(ITranscriber transcriber) : IActivity<TranscribeContentInput, TranscriptInfo>
{
    /// <inheritdoc/>
    public async Task<TranscriptInfo> RunAsync(ActivityContext context, TranscribeContentInput input) =>
        TranscriptInfo.Of(await transcriber.TranscribeToAsync(input.Content, RunPaths.Transcript(input.RunId), context.CancellationToken));
}

/// <summary>Input of <see cref="TranscribeContent"/>.</summary>
public sealed record TranscribeContentInput(string RunId, AcquiredContent Content);

/// <summary>Where the transcript is stored, how big it is and its language.</summary>
/// <param name="Language">The transcript's language (<see cref="Transcript.Language"/>), for the evidence sources; left out when null,
/// so histories recorded before it existed read back unchanged.</param>
/// <param name="ContentHash">The transcript text's hash (<see cref="StoredTranscript.ContentHash"/>), which memory uses to keep an earlier run of
/// the same content out of this run's evidence; null in histories recorded before it existed.</param>
public sealed record TranscriptInfo(
    ArtifactRef Transcript,
    string Title,
    int Segments,
    int Characters,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContentHash = null)
{
    /// <summary>Stores <paramref name="transcript"/> as the run's transcript and describes it.</summary>
    public static async Task<TranscriptInfo> StoreAsync(IArtifactStore store, string runId, Transcript transcript, CancellationToken cancellationToken) =>
        Of(await TranscriptArtifact.WriteAsync(store, RunPaths.Transcript(runId), transcript, cancellationToken));

    /// <summary>Describes a stored transcript.</summary>
    public static TranscriptInfo Of(StoredTranscript stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new TranscriptInfo(stored.Artifact, stored.Title, stored.Segments, stored.Characters, stored.Language, stored.ContentHash);
    }
}
