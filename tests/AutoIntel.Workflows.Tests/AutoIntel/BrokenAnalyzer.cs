using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>An analyzer that answers like <paramref name="inner"/> except for the named methods, which always throw (a bug or a broken disk, not a model):
/// the activity then fails after its durable retries.</summary>
internal sealed class BrokenAnalyzer(IContentAnalyzer inner, params string[] broken) : IContentAnalyzer
{
    public string Name => inner.Name;

    public Task<AnalyzerResult<T>> ReduceAsync<TPart, T>(Intelligence.Analyses.MapReduceAnalysis<TPart, T> analysis, AnalysisRequest request, IReadOnlyList<TPart> parts, CancellationToken cancellationToken = default) =>
        Working(nameof(ReduceAsync) + ":" + analysis.Name).ReduceAsync(analysis, request, parts, cancellationToken);

    public Task<AnalyzerResult<T>> AnalyseChunkAsync<T>(Intelligence.Analyses.ChunkAnalysis<T> analysis, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) =>
        Working(nameof(AnalyseChunkAsync) + ":" + analysis.Name).AnalyseChunkAsync(analysis, request, chunk, cancellationToken);

    public Task<AnalyzerResult<IReadOnlyList<Claim>>> ExtractClaimsAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) =>
        Working(nameof(ExtractClaimsAsync)).ExtractClaimsAsync(request, chunk, cancellationToken);

    public Task<AnalyzerResult<ClaimVerdict>> VerifyClaimAsync(AnalysisRequest request, Claim claim, IReadOnlyList<Evidence> evidence, CancellationToken cancellationToken = default) =>
        Working(nameof(VerifyClaimAsync)).VerifyClaimAsync(request, claim, evidence, cancellationToken);

    private IContentAnalyzer Working(string method) =>
        broken.Contains(method) ? throw new InvalidOperationException($"{inner.Name} analyzer is broken ({method})") : inner;
}
