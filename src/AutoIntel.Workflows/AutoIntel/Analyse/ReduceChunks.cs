using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>The reduce step of a declared map-reduce analysis (the summary): every chunk's result, reduced to one. Like
/// <see cref="AnalyseChunk"/>, one activity shared by every such analysis.</summary>
public sealed class ReduceChunks(IContentAnalyzer analyzer) : IActivity<ReduceChunksInput, AnalyzerResult<JsonElement>>
{
    /// <inheritdoc/>
    /// <exception cref="PermanentFailureException">The input names no declared map-reduce analysis.</exception>
    public Task<AnalyzerResult<JsonElement>> RunAsync(ActivityContext context, ReduceChunksInput input)
    {
        var analysis = AnalysisCatalog.Find(input.Analysis) is { Reduces: true } found
            ? found
            : throw new PermanentFailureException($"No map-reduce analysis called '{input.Analysis}' is declared.");
        return analysis.ReduceAsync(analyzer, input.Request, input.Parts, context.CancellationToken);
    }
}

/// <summary>Input of <see cref="ReduceChunks"/>: which analysis, for whom, and every chunk's result in chunk order.</summary>
public sealed record ReduceChunksInput(string Analysis, AnalysisRequest Request, IReadOnlyList<JsonElement> Parts);

/// <summary>Input of a built-in analysis's legacy reduce activity (<c>ReduceSummary</c>), as instances started before its declaration
/// recorded it: the request and every chunk's result.</summary>
public sealed record LegacyReduceInput(AnalysisRequest Request, IReadOnlyList<JsonElement> Parts);
