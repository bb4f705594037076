using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>Answers like <paramref name="inner"/>, except that the first entities analysis of a chunk hangs until its attempt is cancelled:
/// a run is then mid-stage, with some of the stage's activities done, when the test stops the runtime (a simulated crash).</summary>
/// <param name="stalled">Completed once the first entities analysis of a chunk hangs.</param>
internal sealed class StallingAnalyzer(IContentAnalyzer inner, TaskCompletionSource stalled) : IContentAnalyzer
{
    private int _stalled;

    public string Name => inner.Name;

    public Task<AnalyzerResult<T>> ReduceAsync<TPart, T>(Intelligence.Analyses.MapReduceAnalysis<TPart, T> analysis, AnalysisRequest request, IReadOnlyList<TPart> parts, CancellationToken cancellationToken = default) =>
        inner.ReduceAsync(analysis, request, parts, cancellationToken);

    public Task<AnalyzerResult<IReadOnlyList<Claim>>> ExtractClaimsAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) =>
        inner.ExtractClaimsAsync(request, chunk, cancellationToken);

    public Task<AnalyzerResult<ClaimVerdict>> VerifyClaimAsync(AnalysisRequest request, Claim claim, IReadOnlyList<Evidence> evidence, CancellationToken cancellationToken = default) =>
        inner.VerifyClaimAsync(request, claim, evidence, cancellationToken);

    public async Task<AnalyzerResult<T>> AnalyseChunkAsync<T>(Intelligence.Analyses.ChunkAnalysis<T> analysis, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default)
    {
        if (analysis.Name == Intelligence.Analyses.EntitiesAnalysis.SectionName && Interlocked.Exchange(ref _stalled, 1) == 0)
        {
            stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return await inner.AnalyseChunkAsync(analysis, request, chunk, cancellationToken);
    }
}
