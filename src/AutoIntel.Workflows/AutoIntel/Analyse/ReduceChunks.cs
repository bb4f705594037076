using System.Text.Json;
using System.Text.Json.Serialization;
using AutoIntel.Core;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>The reduce step of a declared map-reduce analysis (the summary): every chunk's result, reduced to one. Like
/// <see cref="AnalyseChunk"/>, one activity shared by every such analysis.</summary>
public sealed class ReduceChunks(IContentAnalyzer analyzer, IArtifactStore store) : IActivity<ReduceChunksInput, AnalyzerResult<JsonElement>>
{
    /// <inheritdoc/>
    /// <exception cref="PermanentFailureException">The input names no declared map-reduce analysis.</exception>
    public async Task<AnalyzerResult<JsonElement>> RunAsync(ActivityContext context, ReduceChunksInput input)
    {
        var ct = context.CancellationToken;
        var analysis = AnalysisCatalog.Find(input.Analysis) is { Reduces: true } found
            ? found
            : throw new PermanentFailureException($"No map-reduce analysis called '{input.Analysis}' is declared.");
        var parts = input.Stored is { } count
            ? await new AnalysisParts(store, input.Request.RunId, analysis.Name, count).ReadAsync<JsonElement>(ct).ToListAsync(ct)
            : input.Parts;
        return await analysis.ReduceAsync(analyzer, input.Request, parts, ct);
    }
}

/// <summary>Input of <see cref="ReduceChunks"/>: which analysis, for whom, and every chunk's result in chunk order.</summary>
/// <param name="Stored">How many chunk results <see cref="AnalyseChunkToStore"/> stored, read instead of <paramref name="Parts"/> (then
/// empty); null for instances before <see cref="WorkflowVersions.SectionsByReference"/>, which pass them inline.</param>
public sealed record ReduceChunksInput(
    string Analysis,
    AnalysisRequest Request,
    IReadOnlyList<JsonElement> Parts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Stored = null);

/// <summary>Input of a built-in analysis's legacy reduce activity (<c>ReduceSummary</c>), as instances started before its declaration
/// recorded it: the request and every chunk's result.</summary>
public sealed record LegacyReduceInput(AnalysisRequest Request, IReadOnlyList<JsonElement> Parts);
