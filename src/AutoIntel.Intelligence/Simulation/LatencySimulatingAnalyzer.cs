using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;

namespace AutoIntel.Intelligence.Simulation;

/// <summary>Wraps an analyzer so every call takes as long as a real LLM call would, for benchmarks and demos without an endpoint.</summary>
/// <remarks>The wait goes through the <see cref="TimeProvider"/>, so tests control it; results pass through unchanged.</remarks>
public sealed class LatencySimulatingAnalyzer : IContentAnalyzer
{
    private readonly IContentAnalyzer _inner;
    private readonly SimulatedLatencyOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the decorator around <paramref name="inner"/>.</summary>
    public LatencySimulatingAnalyzer(IContentAnalyzer inner, SimulatedLatencyOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _inner = inner;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <summary>The modelled latency of one call: base + input tokens × per-input-token time + output tokens × per-output-token time.</summary>
    public static TimeSpan ModelledLatency(SimulatedLatencyOptions options, long inputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TimeSpan.FromMilliseconds(options.BaseMs + (inputTokens * options.InputTokenMs) + (outputTokens * options.OutputTokenMs));
    }

    /// <summary>The modelled latency of one kind of call over <paramref name="contentTokens"/> tokens of content (prompt overhead is added).</summary>
    public static TimeSpan ModelledLatency(SimulatedLatencyOptions options, AnalyzerCall call, long contentTokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ModelledLatency(options, contentTokens + options.PromptOverheadTokens, options.OutputTokensFor(call));
    }

    /// <inheritdoc />
    /// <remarks>The answer length is the analysis's own <see cref="Analyses.ChunkAnalysis.SimulatedOutputTokens"/>.</remarks>
    public async Task<AnalyzerResult<T>> AnalyseChunkAsync<T>(Analyses.ChunkAnalysis<T> analysis, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var latency = ModelledLatency(_options, ChunkTokens(chunk) + _options.PromptOverheadTokens, analysis.SimulatedOutputTokens);
        await Task.Delay(latency, _timeProvider, cancellationToken);
        return await _inner.AnalyseChunkAsync(analysis, request, chunk, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The input is what the model would be given (<see cref="Analyses.MapReduceAnalysis{TPart, T}.ReduceInput"/>), the answer length the
    /// analysis's own <see cref="Analyses.MapReduceAnalysis{TPart, T}.SimulatedReduceOutputTokens"/>.</remarks>
    public async Task<AnalyzerResult<T>> ReduceAsync<TPart, T>(Analyses.MapReduceAnalysis<TPart, T> analysis, AnalysisRequest request, IReadOnlyList<TPart> parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        long input = analysis.ReduceInput(parts).Sections.Sum(s => (long)TokenCounter.Default.Count(s.Text));
        await Task.Delay(ModelledLatency(_options, input + _options.PromptOverheadTokens, analysis.SimulatedReduceOutputTokens), _timeProvider, cancellationToken);
        return await _inner.ReduceAsync(analysis, request, parts, cancellationToken);
    }

    /// <inheritdoc />
    public Task<AnalyzerResult<IReadOnlyList<Claim>>> ExtractClaimsAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) =>
        DelayThenAsync(AnalyzerCall.ExtractClaims, ChunkTokens(chunk), () => _inner.ExtractClaimsAsync(request, chunk, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<AnalyzerResult<ClaimVerdict>> VerifyClaimAsync(AnalysisRequest request, Claim claim, IReadOnlyList<Evidence> evidence, CancellationToken cancellationToken = default) =>
        DelayThenAsync(
            AnalyzerCall.VerifyClaim,
            TokenCounter.Default.Count(claim.Text) + evidence.Sum(e => TokenCounter.Default.Count(e.Quote)),
            () => _inner.VerifyClaimAsync(request, claim, evidence, cancellationToken),
            cancellationToken);

    private static long ChunkTokens(Chunk chunk) => chunk.TokenCount > 0 ? chunk.TokenCount : TokenCounter.Default.Count(chunk.Text);

    private async Task<T> DelayThenAsync<T>(AnalyzerCall call, long contentTokens, Func<Task<T>> inner, CancellationToken cancellationToken)
    {
        // The timer starts before the first await, so the modelled time counts from the moment of the call.
        await Task.Delay(ModelledLatency(_options, call, contentTokens), _timeProvider, cancellationToken);
        return await inner();
    }
}
