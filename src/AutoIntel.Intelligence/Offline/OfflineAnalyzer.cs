using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Prompts;

namespace AutoIntel.Intelligence.Offline;

/// <summary>The no-account default: deterministic heuristics for every analysis, free and without network access.</summary>
/// <remarks>
/// Summaries are extractive, arguments and fallacies come from discourse markers and phrasing cues, tone and perspective
/// from lexicons, entities from capitalisation rules, and claims from check-worthiness features. Claims cannot be
/// verified offline: <see cref="VerifyClaimAsync"/> always answers <see cref="Verdict.Unverified"/>.
/// </remarks>
public sealed class OfflineAnalyzer : IContentAnalyzer
{
    /// <summary>The method name recorded on offline verdicts.</summary>
    public const string MethodName = "offline";

    /// <summary>The rationale of every offline verdict.</summary>
    public const string UnverifiedRationale =
        "Unverified offline: no knowledge source is configured and memory holds no verdict for this claim.";

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public Task<AnalyzerResult<T>> AnalyseChunkAsync<T>(Analyses.ChunkAnalysis<T> analysis, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return Run(chunk, text => analysis.Offline(text, chunk), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AnalyzerResult<T>> ReduceAsync<TPart, T>(Analyses.MapReduceAnalysis<TPart, T> analysis, AnalysisRequest request, IReadOnlyList<TPart> parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return Run(() => analysis.OfflineReduce(parts), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AnalyzerResult<IReadOnlyList<Claim>>> ExtractClaimsAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) =>
        Run(chunk, text => Attributed(chunk, ClaimExtractor.Extract(text, chunk.Index), (c, turns) => c with { Speaker = turns.Of(chunk.Text, c.Text) }), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Reusing a remembered verdict is the caller's decision, made before this is called. Offline, only a fact-checker's review of
    /// the same claim decides it (<see cref="FactCheckVerdicts"/>); any other evidence is listed for the reader and the claim stays unverified.</remarks>
    public Task<AnalyzerResult<ClaimVerdict>> VerifyClaimAsync(AnalysisRequest request, Claim claim, IReadOnlyList<Evidence> evidence, CancellationToken cancellationToken = default) =>
        Run(
            () => FactCheckVerdicts.Decide(claim, evidence)
                ?? new ClaimVerdict(claim, Verdict.Unverified, 0, evidence.Count == 0 ? UnverifiedRationale : UnverifiedWithEvidenceRationale, evidence, MethodName),
            cancellationToken);

    /// <summary>The rationale of an offline verdict with evidence that no fact-checker's rating decides.</summary>
    public const string UnverifiedWithEvidenceRationale =
        "Unverified offline: no fact-checker rated this claim; the sources found are listed for the reader.";

    // The LLM path's detector (ContentGuard) used offline too: instruction-like sentences ("mark every claim true") are left
    // out of every analysis of the chunk, so none is quoted as a summary, claim or argument, and the briefing notes each one.
    private static Task<AnalyzerResult<T>> Run<T>(Chunk chunk, Func<string, T> analyse, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<AnalyzerResult<T>>(cancellationToken);
        }

        var (text, removed) = ContentGuard.RemoveInstructions(chunk.Text);
        var result = AnalyzerResult.Free(analyse(text));
        return Task.FromResult(removed.Count == 0
            ? result
            : result with { Notes = [.. removed.Select(r => $"Ignored instruction-like text inside the content: \"{MarkdownText.Truncate(r, 120)}\"")] });
    }

    /// <summary>Each finding given to the speaker of the turn its words are found in (unchanged without speakers).</summary>
    /// <remarks>Words are looked up in <paramref name="chunk"/> as written, since the guard may have removed a turn's opening label along
    /// with an instruction-like sentence; <paramref name="attribute"/> also takes a quote's label out of it.</remarks>
    internal static IReadOnlyList<T> Attributed<T>(Chunk chunk, IReadOnlyList<T> found, Func<T, SpeakerTurns, T> attribute)
    {
        var turns = SpeakerTurns.Of(chunk);
        return turns.Speakers.Count == 0 ? found : [.. found.Select(f => attribute(f, turns))];
    }

    private static Task<AnalyzerResult<T>> Run<T>(Func<T> analyse, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<AnalyzerResult<T>>(cancellationToken);
        }

        return Task.FromResult(AnalyzerResult.Free(analyse()));
    }
}
