using System.Collections.Concurrent;
using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;

namespace AutoIntel.Intelligence.Routing;

/// <summary>Online learning for the router: a Beta–Bernoulli Thompson-sampling bandit per task type and complexity bucket, plus observed latencies.</summary>
/// <remarks>
/// Each arm starts at the catalog prior worth <see cref="RoutingOptions.PriorStrength"/> observations. Invalid output or failure
/// counts as reward 0; explicit quality feedback counts as its value; a valid answer without feedback reinforces the current mean
/// (more confidence, same estimate). State is persisted to the artifact store so learning survives restarts.
/// </remarks>
public sealed class BanditLearner
{
    /// <summary>Where the learned state is stored in the artifact store.</summary>
    public const string StatePath = "llm-gateway/learning.json";

    private readonly RoutingOptions _options;
    private readonly IArtifactStore? _store;
    private readonly ConcurrentDictionary<(string Task, string Bucket, string Model), Arm> _arms = new();
    private readonly ConcurrentDictionary<string, Latency> _latency = new(StringComparer.OrdinalIgnoreCase);
    private readonly Random _random;
    private readonly object _randomGate = new();
    private int _loaded;
    private int _dirty;

    public BanditLearner(RoutingOptions options, IArtifactStore? store = null)
    {
        _options = options;
        _store = store;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
    }

    /// <summary>Observations recorded since the last save.</summary>
    public int PendingChanges => Volatile.Read(ref _dirty);

    /// <summary>The complexity bucket of a prompt size.</summary>
    public static string BucketFor(int promptTokens) => promptTokens switch
    {
        < 1500 => "small",
        < 6000 => "medium",
        _ => "large",
    };

    /// <summary>Posterior mean quality of an arm.</summary>
    public double Mean(string task, string bucket, string model, double prior)
    {
        var k = _options.PriorStrength;
        if (!_arms.TryGetValue((task, bucket, model), out var arm))
        {
            return prior;
        }

        lock (arm)
        {
            return (prior * k + arm.Successes) / (k + arm.Successes + arm.Failures);
        }
    }

    /// <summary>A Thompson sample of an arm's quality.</summary>
    public double Sample(string task, string bucket, string model, double prior)
    {
        var k = _options.PriorStrength;
        double a = prior * k, b = (1 - prior) * k;
        if (_arms.TryGetValue((task, bucket, model), out var arm))
        {
            lock (arm)
            {
                a += arm.Successes;
                b += arm.Failures;
            }
        }

        lock (_randomGate)
        {
            return BetaSample(Math.Max(a, 1e-3), Math.Max(b, 1e-3));
        }
    }

    /// <summary>Observed latency of a model (exponentially weighted), or null before the first call.</summary>
    public double? LatencyMs(string model) => _latency.TryGetValue(model, out var l) ? l.Value : null;

    /// <summary>Records one call: validation success, latency and optional quality feedback (0..1).</summary>
    public void Observe(string task, string bucket, string model, double prior, bool valid, double latencyMs, double? quality = null)
    {
        var mean = Mean(task, bucket, model, prior);
        var reward = !valid ? 0 : Math.Clamp(quality ?? mean, 0, 1);
        var arm = _arms.GetOrAdd((task, bucket, model), _ => new Arm());
        lock (arm)
        {
            arm.Successes += reward;
            arm.Failures += 1 - reward;
            arm.Pulls++;
        }

        if (latencyMs > 0)
        {
            var l = _latency.GetOrAdd(model, _ => new Latency { Value = latencyMs });
            lock (l)
            {
                l.Value = (0.8 * l.Value) + (0.2 * latencyMs);
            }
        }

        Interlocked.Increment(ref _dirty);
    }

    /// <summary>Replaces one explicit feedback reward by another: adds <paramref name="newQuality"/>, takes <paramref name="oldQuality"/> back.</summary>
    /// <remarks>With only a new quality this is one more observation; with both, the arm keeps its pull count and only the reward moves;
    /// with only an old one, that observation is withdrawn. Counts never go below zero.</remarks>
    public void Revise(string task, string bucket, string model, double prior, double? oldQuality, double? newQuality)
    {
        if (oldQuality is null && newQuality is null)
        {
            return;
        }

        if (oldQuality is null)
        {
            Observe(task, bucket, model, prior, true, 0, newQuality);
            return;
        }

        double before = Math.Clamp(oldQuality.Value, 0, 1);
        var arm = _arms.GetOrAdd((task, bucket, model), _ => new Arm());
        lock (arm)
        {
            arm.Successes = Math.Max(0, arm.Successes - before);
            arm.Failures = Math.Max(0, arm.Failures - (1 - before));
            if (newQuality is double after)
            {
                arm.Successes += Math.Clamp(after, 0, 1);
                arm.Failures += 1 - Math.Clamp(after, 0, 1);
            }
            else
            {
                arm.Pulls = Math.Max(0, arm.Pulls - 1);
            }
        }

        Interlocked.Increment(ref _dirty);
    }

    /// <summary>Loads persisted state once (no-op without a store or state).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (_store is null || Interlocked.Exchange(ref _loaded, 1) == 1 || !await _store.ExistsAsync(StatePath, cancellationToken))
        {
            return;
        }

        var state = JsonSerializer.Deserialize<LearningState>(await _store.GetAsync(StatePath, cancellationToken), AutoIntelJson.Options);
        foreach (var a in state?.Arms ?? [])
        {
            _arms[(a.Task, a.Bucket, a.Model)] = new Arm { Successes = a.Successes, Failures = a.Failures, Pulls = a.Pulls };
        }

        foreach (var (model, ms) in state?.LatencyMs ?? new Dictionary<string, double>())
        {
            _latency[model] = new Latency { Value = ms };
        }
    }

    /// <summary>Persists the state (no-op without a store).</summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        if (_store is null)
        {
            return;
        }

        Interlocked.Exchange(ref _dirty, 0);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Snapshot(), AutoIntelJson.Options);
        await _store.PutAsync(StatePath, bytes, "application/json", cancellationToken);
    }

    /// <summary>A copy of the learned state (for persistence and analytics).</summary>
    public LearningState Snapshot()
    {
        var arms = _arms.Select(kv =>
        {
            lock (kv.Value)
            {
                return new ArmState(kv.Key.Task, kv.Key.Bucket, kv.Key.Model, kv.Value.Successes, kv.Value.Failures, kv.Value.Pulls);
            }
        }).OrderBy(a => a.Task, StringComparer.Ordinal).ThenBy(a => a.Bucket, StringComparer.Ordinal).ThenBy(a => a.Model, StringComparer.Ordinal).ToList();
        return new LearningState(arms, _latency.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.OrdinalIgnoreCase));
    }

    private double BetaSample(double a, double b)
    {
        var x = GammaSample(a);
        var y = GammaSample(b);
        return x / (x + y);
    }

    // Marsaglia–Tsang; shapes below 1 use the boost x·U^(1/a).
    private double GammaSample(double shape)
    {
        if (shape < 1)
        {
            return GammaSample(shape + 1) * Math.Pow(_random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = _random.NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    private double Normal()
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private sealed class Arm
    {
        public double Successes { get; set; }

        public double Failures { get; set; }

        public int Pulls { get; set; }
    }

    private sealed class Latency
    {
        public double Value { get; set; }
    }
}
