using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;

namespace AutoIntel.Intelligence.Analyzers;

/// <summary>The analyses of stages 5 and 6; offline heuristics by default, the LLM gateway when configured.</summary>
public interface IContentAnalyzer
{
    /// <summary>A short name for reports (e.g. <c>offline</c>, <c>llm</c>).</summary>
    string Name { get; }

    /// <summary>Map step of the summary: key points of one chunk.</summary>
    Task<AnalyzerResult<ChunkSummary>> SummarizeChunkAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default);

    /// <summary>Reduce step: one summary from the chunk summaries (in chunk order).</summary>
    Task<AnalyzerResult<Summary>> ReduceSummariesAsync(AnalysisRequest request, IReadOnlyList<ChunkSummary> parts, CancellationToken cancellationToken = default);

    /// <summary>A declared analysis (<see cref="Analyses.AnalysisCatalog"/>) of one chunk.</summary>
    Task<AnalyzerResult<T>> AnalyseChunkAsync<T>(Analyses.ChunkAnalysis<T> analysis, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default);

    /// <summary>Checkable claims in one chunk.</summary>
    Task<AnalyzerResult<IReadOnlyList<Claim>>> ExtractClaimsAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default);

    /// <summary>A verdict for one claim given what memory already knows.</summary>
    Task<AnalyzerResult<ClaimVerdict>> VerifyClaimAsync(AnalysisRequest request, Claim claim, IReadOnlyList<Evidence> evidence, CancellationToken cancellationToken = default);
}
