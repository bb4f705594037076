namespace AutoIntel.Intelligence.Providers;

/// <summary>Retries, per-attempt timeout and per-model circuit breaker.</summary>
public sealed class ResilienceOptions
{
    /// <summary>Retries after the first attempt on 429/5xx/timeouts.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff delay (exponential with jitter afterwards).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>A Retry-After longer than this is not waited for: the call falls back to the next model instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout of one attempt; <see cref="Timeout.InfiniteTimeSpan"/> leaves only the SDK's network timeout.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a model's circuit stays open after it breaks.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts within <see cref="SamplingDuration"/> before the failure ratio (0.6) may open the circuit: with 3, a model that is
    /// down opens on the last retry of its first call, while one failed attempt among successes never does.</summary>
    public int MinimumThroughput { get; set; } = 3;

    /// <summary>Window over which failures are counted.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);
}
