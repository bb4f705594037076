namespace AutoIntel.Intelligence.Simulation;

/// <summary>How long a simulated LLM call takes: a fixed base plus time per input token and per output token.</summary>
public sealed class SimulatedLatencyOptions
{
    /// <summary>Fixed time per call (network, queueing, time to first token), in milliseconds.</summary>
    public double BaseMs { get; set; } = 400;

    /// <summary>Prompt processing time per input token, in milliseconds.</summary>
    public double InputTokenMs { get; set; } = 0.05;

    /// <summary>Generation time per output token, in milliseconds.</summary>
    public double OutputTokenMs { get; set; } = 15;

    /// <summary>Tokens of instructions and schema added to every prompt.</summary>
    public int PromptOverheadTokens { get; set; } = 300;

    /// <summary>Typical answer length of claim extraction, in tokens.</summary>
    public int ExtractClaimsOutputTokens { get; set; } = 250;

    /// <summary>Typical answer length of a claim verdict, in tokens.</summary>
    public int VerifyClaimOutputTokens { get; set; } = 180;

    /// <summary>The default model with every latency multiplied by <paramref name="factor"/> (benchmarks run faster; ratios are kept).</summary>
    public static SimulatedLatencyOptions Scaled(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        var defaults = new SimulatedLatencyOptions();
        return new SimulatedLatencyOptions
        {
            BaseMs = defaults.BaseMs * factor,
            InputTokenMs = defaults.InputTokenMs * factor,
            OutputTokenMs = defaults.OutputTokenMs * factor,
        };
    }

    /// <summary>The output-token estimate for a kind of call.</summary>
    public int OutputTokensFor(AnalyzerCall call) => call switch
    {
        AnalyzerCall.ExtractClaims => ExtractClaimsOutputTokens,
        AnalyzerCall.VerifyClaim => VerifyClaimOutputTokens,
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, "Unknown analyzer call."),
    };
}
