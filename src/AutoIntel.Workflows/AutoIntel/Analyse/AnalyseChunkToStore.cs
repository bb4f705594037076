using AutoIntel.Core;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>As <see cref="AnalyseChunk"/>, with the chunk's result stored at <see cref="RunPaths.AnalysisPart"/> instead of returned:
/// the history carries its reference, usage and notes, not the result.</summary>
/// <remarks>Scheduled by instances from <see cref="WorkflowVersions.SectionsByReference"/>; older ones schedule <see cref="AnalyseChunk"/>.</remarks>
public sealed class AnalyseChunkToStore(IContentAnalyzer analyzer, IArtifactStore store) : IActivity<AnalyseChunkInput, AnalyzerResult<ArtifactRef>>
{
    /// <inheritdoc/>
    public async Task<AnalyzerResult<ArtifactRef>> RunAsync(ActivityContext context, AnalyseChunkInput input)
    {
        var ct = context.CancellationToken;
        var result = await new AnalyseChunk(analyzer, store).RunAsync(context, input);
        var stored = await store.PutJsonAsync(RunPaths.AnalysisPart(input.Request.RunId, input.Analysis, input.Chunk.Index), result.Value, ct);
        return new AnalyzerResult<ArtifactRef>(stored, result.Usage, result.Notes, result.Degraded, result.Model);
    }
}
