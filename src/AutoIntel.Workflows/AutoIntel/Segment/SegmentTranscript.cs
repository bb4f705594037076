using AutoIntel.Core;
using AutoIntel.Core.Text;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Segment;

/// <summary>Stage 4: splits the transcript into token-bounded chunks, one artifact each.</summary>
public sealed class SegmentTranscript(IArtifactStore store) : IActivity<SegmentTranscriptInput, IReadOnlyList<ChunkRef>>
{
    /// <inheritdoc/>
    /// <remarks>Streams: segments are read from the transcript artifact as the chunker asks for them and each chunk is stored as soon as
    /// it is full, so memory holds one chunk's window of the transcript, not the transcript.</remarks>
    public async Task<IReadOnlyList<ChunkRef>> RunAsync(ActivityContext context, SegmentTranscriptInput input)
    {
        var segments = TranscriptArtifact.ReadSegmentsAsync(store, input.Transcript.Path, context.CancellationToken);
        var refs = new List<ChunkRef>();
        await foreach (var chunk in Chunker.SplitAsync(segments, input.ChunkTokens, context.CancellationToken))
        {
            var stored = await store.PutJsonAsync(RunPaths.Chunk(input.RunId, chunk.Index), chunk, context.CancellationToken);
            refs.Add(new ChunkRef(chunk.Index, stored, chunk.TokenCount));
        }

        return refs;
    }
}

/// <summary>Input of <see cref="SegmentTranscript"/>.</summary>
public sealed record SegmentTranscriptInput(string RunId, ArtifactRef Transcript, int ChunkTokens);

/// <summary>A stored chunk: analyses receive this, not the text, so histories stay small.</summary>
public sealed record ChunkRef(int Index, ArtifactRef Artifact, int TokenCount);
