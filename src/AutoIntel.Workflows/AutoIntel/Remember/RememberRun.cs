using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Memory;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Segment;

namespace AutoIntel.Workflows.AutoIntel.Remember;

/// <summary>Stage 7: embeds the run's chunks and verdicts and upserts them into vector memory.</summary>
public sealed class RememberRun(IContentMemory memory, IArtifactStore store) : IActivity<RememberRunInput, int>
{
    /// <inheritdoc/>
    public async Task<int> RunAsync(ActivityContext context, RememberRunInput input)
    {
        var texts = new List<string>(input.Chunks.Count);
        foreach (var chunk in input.Chunks)
        {
            texts.Add((await store.GetJsonAsync<Chunk>(chunk.Artifact.Path, context.CancellationToken)).Text);
        }

        return await memory.RememberAsync(input.Tenant, input.RunId, input.Source, texts, input.Verdicts, context.CancellationToken);
    }
}

/// <summary>Input of <see cref="RememberRun"/>.</summary>
public sealed record RememberRunInput(string Tenant, string RunId, string Source, IReadOnlyList<ChunkRef> Chunks, IReadOnlyList<ClaimVerdict> Verdicts);
