using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;

namespace AutoIntel.Intelligence.Tests;

/// <summary>A recognisable offline analyzer: every answer says it came from here.</summary>
public sealed class StubOfflineAnalyzer : IContentAnalyzer
{
    public int Calls { get; private set; }

    public string Name => "offline";

    public Task<AnalyzerResult<T>> AnalyseChunkAsync<T>(global::AutoIntel.Intelligence.Analyses.ChunkAnalysis<T> analysis, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) =>
        analysis is global::AutoIntel.Intelligence.Analyses.SummaryAnalysis
            ? Free((T)(object)new ChunkSummary(chunk.Index, ["offline point"]))
            : Free(analysis.Offline(chunk.Text, chunk));

    public Task<AnalyzerResult<T>> ReduceAsync<TPart, T>(global::AutoIntel.Intelligence.Analyses.MapReduceAnalysis<TPart, T> analysis, AnalysisRequest request, IReadOnlyList<TPart> parts, CancellationToken cancellationToken = default) =>
        analysis is global::AutoIntel.Intelligence.Analyses.SummaryAnalysis
            ? Free((T)(object)new Summary("offline summary", ["offline point"]))
            : Free(analysis.OfflineReduce(parts));

    public Task<AnalyzerResult<IReadOnlyList<Claim>>> ExtractClaimsAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) =>
        Free<IReadOnlyList<Claim>>([]);

    public Task<AnalyzerResult<ClaimVerdict>> VerifyClaimAsync(AnalysisRequest request, Claim claim, IReadOnlyList<Evidence> evidence, CancellationToken cancellationToken = default) =>
        Free(new ClaimVerdict(claim, Verdict.Unverified, 0, "unverified offline", evidence, "offline"));

    private Task<AnalyzerResult<T>> Free<T>(T value)
    {
        Calls++;
        return Task.FromResult(AnalyzerResult.Free(value));
    }
}
