using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AutoIntel.Intelligence.Providers;

/// <summary>Per-model Polly pipelines: jittered exponential retry honouring Retry-After, a circuit breaker and an attempt timeout.</summary>
/// <remarks>The retry sits outside the breaker, so once a model's circuit opens the remaining retries fail at once and the gateway falls back.</remarks>
public sealed class ModelResilience
{
    private readonly ResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Entry> _models = new(StringComparer.OrdinalIgnoreCase);

    public ModelResilience(ResilienceOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Whether a model's circuit is open (the router filters such models out).</summary>
    /// <remarks>Polly moves an open circuit to half-open only when the next call arrives, so the break's end time is tracked here
    /// to let the router offer the model again once the break is over.</remarks>
    public bool IsOpen(string modelId) =>
        _models.TryGetValue(modelId, out var entry)
        && (entry.State.CircuitState == CircuitState.Isolated
            || (entry.State.CircuitState == CircuitState.Open && _time.GetUtcNow() < entry.OpenUntil));

    /// <summary>Runs one logical call against a model with retries, breaker and timeout.</summary>
    public ValueTask<T> ExecuteAsync<T>(string modelId, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        _models.GetOrAdd(modelId, _ => Build()).Pipeline.ExecuteAsync(call, cancellationToken);

    private Entry Build()
    {
        var state = new CircuitBreakerStateProvider();
        var entry = new Entry(state);
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                // A Retry-After longer than we are willing to wait means: fall back to another model now.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && LlmErrors.IsTransient(e)
                    && !(LlmErrors.RetryAfter(e, _time.GetUtcNow()) > _options.MaxRetryAfter)),
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e ? LlmErrors.RetryAfter(e, _time.GetUtcNow()) : null),
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // A 429 is the provider pacing us, not failing: its Retry-After is honoured (or the call moves on), and counting it
                // would let one rate-limited attempt early in a run switch a single-model catalog to offline for BreakDuration.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e =>
                    (LlmErrors.IsTransient(e) && !LlmErrors.IsRateLimit(e)) || LlmErrors.IsConfigurationError(e)),
                FailureRatio = 0.6,
                MinimumThroughput = Math.Max(2, _options.MinimumThroughput),
                SamplingDuration = _options.SamplingDuration,
                BreakDuration = _options.BreakDuration,
                StateProvider = state,
                OnOpened = args =>
                {
                    entry.OpenUntil = _time.GetUtcNow() + args.BreakDuration;
                    return ValueTask.CompletedTask;
                },
            });
        if (_options.AttemptTimeout > TimeSpan.Zero)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.AttemptTimeout });
        }

        entry.Pipeline = builder.Build();
        return entry;
    }

    private sealed class Entry(CircuitBreakerStateProvider state)
    {
        public CircuitBreakerStateProvider State { get; } = state;

        public ResiliencePipeline Pipeline { get; set; } = ResiliencePipeline.Empty;

        public DateTimeOffset OpenUntil { get; set; }
    }
}
