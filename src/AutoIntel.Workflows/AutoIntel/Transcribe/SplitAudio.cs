using AutoIntel.Core.Content;
using AutoIntel.Ingestion;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Transcribe;

/// <summary>Stage 3, long audio: cuts the acquired audio into pieces the transcription endpoint accepts and stores them under the run.</summary>
public sealed class SplitAudio(PieceTranscriber pieces) : IActivity<SplitAudioInput, IReadOnlyList<AudioPieceRef>>
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<AudioPieceRef>> RunAsync(ActivityContext context, SplitAudioInput input) =>
        pieces.SplitAsync(input.Content, (index, extension) => RunPaths.AudioPiece(input.RunId, index, extension), context.CancellationToken);
}

/// <summary>Input of <see cref="SplitAudio"/>.</summary>
public sealed record SplitAudioInput(string RunId, AcquiredContent Content);
