using System.Globalization;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Providers;

namespace AutoIntel.Intelligence.Routing;

/// <summary>Cost-aware mixture-of-experts router: hard filters, a complexity-shifted quality floor, then weighted cost/latency/quality scores.</summary>
public sealed class ModelRouter
{
    private readonly ModelCatalog _catalog;
    private readonly RoutingOptions _options;
    private readonly BanditLearner _learner;
    private readonly ModelResilience? _resilience;

    public ModelRouter(ModelCatalog catalog, RoutingOptions options, BanditLearner learner, ModelResilience? resilience = null)
    {
        _catalog = catalog;
        _options = options;
        _learner = learner;
        _resilience = resilience;
    }

    /// <summary>The catalog this router chooses from.</summary>
    public ModelCatalog Catalog => _catalog;

    /// <summary>Ranks the catalog for one call; the winner is first and the rest form the fallback chain.</summary>
    public RoutingDecision Decide(RoutingRequest request)
    {
        var inv = CultureInfo.InvariantCulture;
        var bucket = BanditLearner.BucketFor(request.PromptTokens);
        var models = _catalog.Models;
        var eligible = new List<(CatalogModel Model, decimal Usd, double LatencyMs, double Prior, double Mean)>(models.Count);
        var filtered = new List<FilteredCandidate>();
        var needed = request.PromptTokens + request.OutputTokens;
        foreach (var m in models)
        {
            string? reason = null;
            var usd = m.Cost(request.PromptTokens, request.OutputTokens);
            var latency = _learner.LatencyMs(m.Id) ?? m.TypicalLatencyMs;
            if (!m.Has(request.Capability))
            {
                reason = $"lacks capability {request.Capability}";
            }
            else if (request.Exclude is { } ex && ex.Contains(m.Id))
            {
                reason = "already failed in this call";
            }
            else if (needed > m.ContextWindow)
            {
                reason = string.Create(inv, $"context window {m.ContextWindow} < {needed} tokens");
            }
            else if (_resilience?.IsOpen(m.Id) == true)
            {
                reason = "circuit open";
            }
            else if (request.MaxLatencyMs is { } maxMs && latency > maxMs)
            {
                reason = string.Create(inv, $"latency {latency:0} ms > {maxMs:0} ms");
            }
            else if (usd > request.MaxCallUsd)
            {
                reason = string.Create(inv, $"est. ${usd:0.######} > budget ${request.MaxCallUsd:0.######}");
            }

            if (reason is not null)
            {
                filtered.Add(new FilteredCandidate(m.Id, reason));
                continue;
            }

            var prior = m.QualityFor(request.Task);
            eligible.Add((m, usd, latency, prior, _learner.Mean(request.Task, bucket, m.Id, prior)));
        }

        if (eligible.Count == 0)
        {
            return new RoutingDecision(request, bucket, 0, [], filtered);
        }

        var bestMean = 0.0;
        foreach (var e in eligible)
        {
            bestMean = Math.Max(bestMean, e.Mean);
        }

        var floor = bestMean * FloorRatio(request);
        var minUsd = decimal.MaxValue;
        var maxUsd = 0m;
        var minLatency = double.MaxValue;
        var kept = 0;
        for (var i = 0; i < eligible.Count; i++)
        {
            var e = eligible[i];
            if (e.Mean < floor - 1e-9)
            {
                filtered.Add(new FilteredCandidate(e.Model.Id, string.Create(inv, $"quality {e.Mean:0.00} below floor {floor:0.00}")));
                continue;
            }

            eligible[kept++] = e;
            minUsd = Math.Min(minUsd, e.Usd);
            maxUsd = Math.Max(maxUsd, e.Usd);
            minLatency = Math.Min(minLatency, e.LatencyMs);
        }

        eligible.RemoveRange(kept, eligible.Count - kept);

        // Log-scaled cost: a model ten times cheaper is one step better, not ten; free local models anchor at a tenth of a cent.
        const double Epsilon = 1e-5;
        var lnMin = Math.Log((double)minUsd + Epsilon);
        var lnSpan = Math.Log((double)maxUsd + Epsilon) - lnMin;
        var ranked = new CandidateScore[eligible.Count];
        var qualities = new double[eligible.Count];
        var qMax = double.MinValue;
        var qMin = double.MaxValue;
        for (var i = 0; i < eligible.Count; i++)
        {
            var e = eligible[i];
            qualities[i] = request.Explore && _options.Explore ? _learner.Sample(request.Task, bucket, e.Model.Id, e.Prior) : e.Mean;
            qMax = Math.Max(qMax, qualities[i]);
            qMin = Math.Min(qMin, qualities[i]);
        }

        var totalWeight = _options.CostWeight + _options.LatencyWeight + _options.QualityWeight;
        for (var i = 0; i < eligible.Count; i++)
        {
            var e = eligible[i];
            var costScore = lnSpan <= 1e-12 ? 1 : 1 - ((Math.Log((double)e.Usd + Epsilon) - lnMin) / lnSpan);
            var latencyScore = minLatency / Math.Max(e.LatencyMs, 1);
            var qualityScore = qMax - qMin <= 1e-12 ? 1 : (qualities[i] - qMin) / (qMax - qMin);
            var score = ((_options.CostWeight * costScore) + (_options.LatencyWeight * latencyScore) + (_options.QualityWeight * qualityScore)) / totalWeight;
            ranked[i] = new CandidateScore(e.Model, e.Usd, e.LatencyMs, e.Prior, qualities[i], costScore, latencyScore, qualityScore, score);
        }

        Array.Sort(ranked, static (a, b) => b.Score.CompareTo(a.Score));
        return new RoutingDecision(request, bucket, floor, ranked, filtered);
    }

    // Harder work raises the bar: deep runs, long prompts and verification want closer-to-best models.
    private double FloorRatio(RoutingRequest request)
    {
        var ratio = _options.QualityFloors.TryGetValue(request.Task, out var r) ? r : _options.DefaultQualityFloor;
        ratio += request.Depth switch
        {
            Depth.Quick => -0.04,
            Depth.Deep => 0.02,
            Depth.Experimental => 0.03,
            _ => 0,
        };
        ratio += request.PromptTokens switch
        {
            >= 6000 => 0.02,
            >= 1500 => 0.01,
            _ => 0,
        };
        return Math.Clamp(ratio, 0, 1);
    }
}
