using AutoIntel.Core.Content;
using AutoIntel.Ingestion;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Transcribe;

/// <summary>Stage 3, long audio: joins the piece transcripts in order, times shifted to the whole file, into the run's transcript.</summary>
public sealed class MergeTranscript(PieceTranscriber pieces, IArtifactStore store) : IActivity<MergeTranscriptInput, TranscriptInfo>
{
    /// <inheritdoc/>
    public async Task<TranscriptInfo> RunAsync(ActivityContext context, MergeTranscriptInput input)
    {
        var transcript = await pieces.MergeAsync(input.Content, input.Pieces, context.CancellationToken);
        return await TranscriptInfo.StoreAsync(store, input.RunId, transcript, context.CancellationToken);
    }
}

/// <summary>Input of <see cref="MergeTranscript"/>.</summary>
public sealed record MergeTranscriptInput(string RunId, AcquiredContent Content, IReadOnlyList<PieceTranscriptRef> Pieces);
