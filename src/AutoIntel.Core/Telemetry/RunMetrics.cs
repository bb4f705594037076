using System.Diagnostics.Metrics;

namespace AutoIntel.Core.Telemetry;

/// <summary>The instruments behind <see cref="MetricNames"/>; durations are histograms (buckets), never summaries.</summary>
public static class RunMetrics
{
    // Runs last seconds to hours, stages and LLM calls milliseconds to minutes: bucket bounds sized for each.
    private static readonly IReadOnlyList<double> RunBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
    private static readonly IReadOnlyList<double> StepBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    // Quality scores lie in 0..1: tenths, so a dashboard can show the share of runs below a floor.
    private static readonly IReadOnlyList<double> ScoreBuckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    public static Histogram<double> RunDuration { get; } = AutoIntelTelemetry.Meter.CreateHistogram(
        MetricNames.RunDuration, "s", "Run duration from start to end, by depth and outcome.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RunBuckets });

    public static Histogram<double> StageDuration { get; } = AutoIntelTelemetry.Meter.CreateHistogram(
        MetricNames.StageDuration, "s", "Stage duration, by stage and depth.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StepBuckets });

    public static Counter<long> Sections { get; } = AutoIntelTelemetry.Meter.CreateCounter<long>(
        MetricNames.Sections, "{section}", "Briefing sections by outcome (ok, degraded).");

    public static Counter<long> CacheLookups { get; } = AutoIntelTelemetry.Meter.CreateCounter<long>(
        MetricNames.CacheLookups, "{lookup}", "LLM response-cache lookups by tier and result (hit, miss).");

    public static Counter<long> RoutingDecisions { get; } = AutoIntelTelemetry.Meter.CreateCounter<long>(
        MetricNames.RoutingDecisions, "{decision}", "Models chosen by the router, by model and task.");

    public static Histogram<double> LlmCallDuration { get; } = AutoIntelTelemetry.Meter.CreateHistogram(
        MetricNames.LlmCallDuration, "s", "LLM call duration, by model, task and outcome.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StepBuckets });

    public static Counter<double> LlmCost { get; } = AutoIntelTelemetry.Meter.CreateCounter<double>(
        MetricNames.LlmCost, "usd", "LLM cost in US dollars, by model and task.");

    public static Counter<double> LlmCostSaved { get; } = AutoIntelTelemetry.Meter.CreateCounter<double>(
        MetricNames.LlmCostSaved, "usd", "LLM cost saved by the response cache, in US dollars, by tier.");

    public static Counter<long> LlmTokens { get; } = AutoIntelTelemetry.Meter.CreateCounter<long>(
        MetricNames.LlmTokens, "{token}", "LLM tokens by model and direction (input, output).");

    public static Counter<long> DeliveryRetries { get; } = AutoIntelTelemetry.Meter.CreateCounter<long>(
        MetricNames.DeliveryRetries, "{retry}", "Discord requests sent again, by reason.");

    public static Histogram<double> AnalysisQuality { get; } = AutoIntelTelemetry.Meter.CreateHistogram(
        MetricNames.AnalysisQuality, "{score}", "Per-analysis quality score (0-1) of each completed run, by analysis.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ScoreBuckets });

    public static Counter<long> Feedback { get; } = AutoIntelTelemetry.Meter.CreateCounter<long>(
        MetricNames.Feedback, "{reward}", "Reader feedback rewards taught to the router, by analysis and reward (positive, negative).");
}
