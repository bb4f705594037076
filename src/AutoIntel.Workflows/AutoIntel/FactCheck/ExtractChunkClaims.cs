using AutoIntel.Core;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Analyse;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary>Checkable claims in one chunk, stored as the chunk's claims artifact: the history and the orchestration carry its
/// reference, not the claims (a long run finds tens of thousands).</summary>
/// <remarks>Scheduled by instances from <see cref="WorkflowVersions.ClaimsByReference"/>; older ones schedule <see cref="ExtractClaims"/>.</remarks>
public sealed class ExtractChunkClaims(IContentAnalyzer analyzer, IArtifactStore store) : IActivity<ChunkInput, AnalyzerResult<ChunkClaims>>
{
    /// <inheritdoc/>
    public async Task<AnalyzerResult<ChunkClaims>> RunAsync(ActivityContext context, ChunkInput input)
    {
        var ct = context.CancellationToken;
        var chunk = await store.GetJsonAsync<Chunk>(input.Chunk.Artifact.Path, ct);
        var found = await analyzer.ExtractClaimsAsync(input.Request, chunk, ct);
        var stored = await store.PutJsonAsync(RunPaths.ChunkClaims(input.Request.RunId, input.Chunk.Index), found.Value, ct);
        return new AnalyzerResult<ChunkClaims>(new ChunkClaims(stored, found.Value.Count), found.Usage, found.Notes, found.Degraded, found.Model);
    }
}

/// <summary>One chunk's claims artifact (JSON list of <see cref="Claim"/>) and how many it holds.</summary>
public sealed record ChunkClaims(ArtifactRef Artifact, int Count);
