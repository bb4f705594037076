namespace AutoIntel.Intelligence.Gateway;

/// <summary>Per-model analytics since the process started.</summary>
/// <param name="Decisions">Times the router picked the model first.</param>
/// <param name="Calls">Logical calls made to it (retries inside one call count once).</param>
/// <param name="Failures">Calls that failed (429/5xx/timeout/circuit) after retries.</param>
/// <param name="InvalidOutputs">Answers that failed schema validation.</param>
/// <param name="FallbacksFrom">Times a call moved on from this model to the next one.</param>
public sealed record ModelStats(string Model, long Decisions, long Calls, long Failures, long InvalidOutputs, long FallbacksFrom, decimal Usd, double MeanLatencyMs);
