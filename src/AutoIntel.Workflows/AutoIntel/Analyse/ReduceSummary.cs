using AutoIntel.Core.Analysis;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Reduce step of the summary: one summary from all chunk summaries.</summary>
public sealed class ReduceSummary(IContentAnalyzer analyzer) : IActivity<ReduceSummaryInput, AnalyzerResult<Summary>>
{
    /// <inheritdoc/>
    public Task<AnalyzerResult<Summary>> RunAsync(ActivityContext context, ReduceSummaryInput input) =>
        analyzer.ReduceSummariesAsync(input.Request, input.Parts, context.CancellationToken);
}

/// <summary>Input of <see cref="ReduceSummary"/>: chunk summaries in chunk order.</summary>
public sealed record ReduceSummaryInput(AnalysisRequest Request, IReadOnlyList<ChunkSummary> Parts);
