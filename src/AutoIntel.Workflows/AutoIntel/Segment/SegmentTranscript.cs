using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Segment;

/// <summary>Stage 4: splits the transcript into token-bounded chunks, one artifact each.</summary>
public sealed class SegmentTranscript(IArtifactStore store) : IActivity<SegmentTranscriptInput, IReadOnlyList<ChunkRef>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<ChunkRef>> RunAsync(ActivityContext context, SegmentTranscriptInput input)
    {
        var transcript = await store.GetJsonAsync<Transcript>(input.Transcript.Path, context.CancellationToken);
        var chunks = Chunker.Split(transcript, input.ChunkTokens);
        var refs = new List<ChunkRef>(chunks.Count);
        foreach (var chunk in chunks)
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
