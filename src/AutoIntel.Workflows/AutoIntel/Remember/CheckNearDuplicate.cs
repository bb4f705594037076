using AutoIntel.Core;
using AutoIntel.Core.Text;
using AutoIntel.Memory;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Remember;

/// <summary>Stage 7: has the community already analysed nearly the same content?</summary>
public sealed class CheckNearDuplicate(IContentMemory memory, IArtifactStore store) : IActivity<CheckNearDuplicateInput, DuplicateCheck>
{
    /// <inheritdoc/>
    public async Task<DuplicateCheck> RunAsync(ActivityContext context, CheckNearDuplicateInput input)
    {
        // Segment by segment as they are read from the artifact: the transcript (and its joined text) is never held whole. With the
        // speaker labels the chunks carry, since a run's stored fingerprint is of its chunks.
        var segments = TranscriptArtifact.ReadSegmentsAsync(store, input.Transcript.Path, context.CancellationToken);
        var match = await memory.FindNearDuplicateAsync(input.Tenant, input.RunId, SpeakerTurns.Labelled(segments, context.CancellationToken), context.CancellationToken);
        return new DuplicateCheck(match);
    }
}

/// <summary>Input of <see cref="CheckNearDuplicate"/>.</summary>
public sealed record CheckNearDuplicateInput(string Tenant, string RunId, ArtifactRef Transcript);

/// <summary>The earlier run with nearly the same content, if any (wrapped so "none" is a value, not a null result).</summary>
public sealed record DuplicateCheck(DuplicateMatch? Match);
