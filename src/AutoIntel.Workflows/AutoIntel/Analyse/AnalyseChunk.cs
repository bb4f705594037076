using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>One declared analysis (<see cref="AnalysisCatalog"/>) of one chunk: the single activity every catalog analysis shares,
/// so adding an analysis adds no activity, registration or Azure function.</summary>
public sealed class AnalyseChunk(IContentAnalyzer analyzer, IArtifactStore store) : IActivity<AnalyseChunkInput, AnalyzerResult<JsonElement>>
{
    /// <inheritdoc/>
    /// <exception cref="PermanentFailureException">The input names no declared analysis (code removed while instances still ran it).</exception>
    public async Task<AnalyzerResult<JsonElement>> RunAsync(ActivityContext context, AnalyseChunkInput input)
    {
        var analysis = AnalysisCatalog.Find(input.Analysis)
            ?? throw new PermanentFailureException($"No analysis called '{input.Analysis}' is declared.");
        var chunk = await store.GetJsonAsync<Chunk>(input.Chunk.Artifact.Path, context.CancellationToken);
        return await analysis.AnalyseAsync(analyzer, input.Request, chunk, context.CancellationToken);
    }
}

/// <summary>Input of <see cref="AnalyseChunk"/>: which analysis, for whom, on which chunk.</summary>
public sealed record AnalyseChunkInput(string Analysis, AnalysisRequest Request, Segment.ChunkRef Chunk);
