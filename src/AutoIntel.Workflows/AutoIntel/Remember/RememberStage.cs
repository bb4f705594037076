using AutoIntel.Core;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Memory;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.FactCheck;
using AutoIntel.Workflows.AutoIntel.Segment;
using AutoIntel.Workflows.AutoIntel.Transcribe;

namespace AutoIntel.Workflows.AutoIntel.Remember;

/// <summary>Stage 7: store vectors ∥ update the knowledge graph ∥ check for a near-duplicate.</summary>
public static class RememberStage
{
    /// <summary>Runs the three memory activities in parallel.</summary>
    /// <param name="notChecked">The run's not-checked claims when they are not among <paramref name="verdicts"/>; remembered after them.</param>
    /// <param name="entitiesSection">The stored entities section, read instead of <paramref name="entities"/> when given.</param>
    public static async Task<MemoryReport> RunAsync(
        IWorkflowContext context,
        string tenant,
        string source,
        TranscriptInfo transcript,
        IReadOnlyList<ChunkRef> chunks,
        IReadOnlyList<Entity> entities,
        IReadOnlyList<ClaimVerdict> verdicts,
        ArtifactRef? notChecked = null,
        ArtifactRef? entitiesSection = null)
    {
        var runId = context.InstanceId;
        var stored = context.CallActivityAsync<int>(ActivityNames.RememberRun, new RememberRunInput(tenant, runId, source, chunks, verdicts, transcript.ContentHash, notChecked), Retries.Local);
        var graph = context.CallActivityAsync<GraphUpdate>(ActivityNames.UpdateKnowledgeGraph, new UpdateKnowledgeGraphInput(tenant, runId, source, entities, entitiesSection), Retries.Local);
        var duplicate = context.CallActivityAsync<DuplicateCheck>(ActivityNames.CheckNearDuplicate, new CheckNearDuplicateInput(tenant, runId, transcript.Transcript), Retries.Local);
        await Task.WhenAll(stored, graph, duplicate);

        var match = (await duplicate).Match;
        var g = await graph;
        return new MemoryReport(
            match?.Source,
            match?.Similarity ?? 0,
            verdicts.Count(v => v.Method == VerifyClaim.MemoryMethod),
            await stored,
            g.Nodes,
            g.Edges,
            g.Related ?? [.. g.RelatedSources.Select(s => new RelatedSource(s, 0))]);
    }
}
