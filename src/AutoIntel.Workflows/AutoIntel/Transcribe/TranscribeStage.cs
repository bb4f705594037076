using AutoIntel.Core.Content;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Transcribe;

/// <summary>Stage 3 for long audio: split → transcribe the pieces in parallel (bounded) → merge, each step checkpointed in history.</summary>
/// <remarks>Orchestration code: deterministic, no I/O.</remarks>
public static class TranscribeStage
{
    /// <summary>How many pieces are transcribed at once: enough to make an hour of audio quick, few enough not to trip the provider's rate limits.</summary>
    public const int ParallelPieces = 4;

    /// <summary>Transcribes audio marked <see cref="AcquiredContent.TranscribeInPieces"/>; returns the same <see cref="TranscriptInfo"/> as the one-call path.</summary>
    public static async Task<TranscriptInfo> InPiecesAsync(IWorkflowContext context, string runId, AcquiredContent content)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(content);
        var pieces = await context.CallActivityAsync<IReadOnlyList<AudioPieceRef>>(ActivityNames.SplitAudio, new SplitAudioInput(runId, content), Retries.Local);

        // Fixed-size batches keep the width bounded on both hosts (Durable Functions does not cap a fan-out); a finished piece is in
        // history, so a crash or a failed run resumed later never sends it again.
        var transcribed = new List<PieceTranscriptRef>(pieces.Count);
        foreach (var batch in pieces.Chunk(ParallelPieces))
        {
            var pending = batch
                .Select(p => context.CallActivityAsync<PieceTranscriptRef>(ActivityNames.TranscribeAudioPiece, new TranscribeAudioPieceInput(runId, p), Retries.Analyse))
                .ToArray();
            transcribed.AddRange(await Task.WhenAll(pending));
        }

        return await context.CallActivityAsync<TranscriptInfo>(ActivityNames.MergeTranscript, new MergeTranscriptInput(runId, content, transcribed), Retries.Local);
    }
}
