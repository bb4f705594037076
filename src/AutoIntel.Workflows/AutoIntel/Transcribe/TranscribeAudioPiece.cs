using AutoIntel.Core.Content;
using AutoIntel.Ingestion;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Transcribe;

/// <summary>Stage 3, long audio: transcribes one stored piece and stores its transcript (reused if an earlier attempt already paid for it).</summary>
public sealed class TranscribeAudioPiece(PieceTranscriber pieces) : IActivity<TranscribeAudioPieceInput, PieceTranscriptRef>
{
    /// <inheritdoc/>
    public Task<PieceTranscriptRef> RunAsync(ActivityContext context, TranscribeAudioPieceInput input) =>
        pieces.TranscribePieceAsync(input.Piece, RunPaths.PieceTranscript(input.RunId, input.Piece.Index), context.CancellationToken);
}

/// <summary>Input of <see cref="TranscribeAudioPiece"/>.</summary>
public sealed record TranscribeAudioPieceInput(string RunId, AudioPieceRef Piece);
