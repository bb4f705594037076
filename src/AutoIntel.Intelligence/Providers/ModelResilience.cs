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
    public bool IsOpen(string modelId) =>
        _models.TryGetValue(modelId, out var entry) && entry.State.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>Runs one logical call against a model with retries, breaker and timeout.</summary>
    public ValueTask<T> ExecuteAsync<T>(string modelId, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        _models.GetOrAdd(modelId, _ => Build()).Pipeline.ExecuteAsync(call, cancellationToken);

    private Entry Build()
    {
        var state = new CircuitBreakerStateProvider();
        var transient = new PredicateBuilder().Handle<Exception>(LlmErrors.IsTransient);
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
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
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = Math.Max(2, _options.MinimumThroughput),
                SamplingDuration = _options.SamplingDuration,
                BreakDuration = _options.BreakDuration,
                StateProvider = state,
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = _options.AttemptTimeout })
            .Build();
        return new Entry(pipeline, state);
    }

    private sealed record Entry(ResiliencePipeline Pipeline, CircuitBreakerStateProvider State);
}
