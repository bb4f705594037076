using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;

namespace AutoIntel.Intelligence.Analyzers;

/// <summary>The analyses of stages 5 and 6; offline heuristics by default, the LLM gateway when configured.</summary>
public interface IContentAnalyzer
{
    /// <summary>A short name for reports (e.g. <c>offline</c>, <c>llm</c>).</summary>
    string Name { get; }

    /// <summary>A declared analysis (<see cref="Analyses.AnalysisCatalog"/>) of one chunk (for a map-reduce one, its map step).</summary>
    Task<AnalyzerResult<T>> AnalyseChunkAsync<T>(Analyses.ChunkAnalysis<T> analysis, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default);

    /// <summary>The reduce step of a declared map-reduce analysis (the summary): one result from every chunk's (in chunk order).</summary>
    Task<AnalyzerResult<T>> ReduceAsync<TPart, T>(Analyses.MapReduceAnalysis<TPart, T> analysis, AnalysisRequest request, IReadOnlyList<TPart> parts, CancellationToken cancellationToken = default);

    /// <summary>Checkable claims in one chunk.</summary>
    Task<AnalyzerResult<IReadOnlyList<Claim>>> ExtractClaimsAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default);

    /// <summary>A verdict for one claim given what memory already knows.</summary>
    Task<AnalyzerResult<ClaimVerdict>> VerifyClaimAsync(AnalysisRequest request, Claim claim, IReadOnlyList<Evidence> evidence, CancellationToken cancellationToken = default);
}
