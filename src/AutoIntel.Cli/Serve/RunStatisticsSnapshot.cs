using AutoIntel.Core.Quality;

namespace AutoIntel.Cli.Serve;

/// <summary>Run figures at one moment.</summary>
/// <param name="RunsByStatus">Instance counts by runtime status (pending, running, completed, failed, terminated).</param>
/// <param name="Stages">Completed stage durations by stage name.</param>
/// <param name="CacheHits">LLM response-cache hits.</param>
/// <param name="LlmCalls">LLM calls made.</param>
/// <param name="LlmCostUsd">What the LLM calls cost.</param>
/// <param name="LlmCostSavedUsd">What cache hits saved.</param>
/// <param name="Quality">Per-analysis quality scores over every run; empty when none are known.</param>
public sealed record RunStatisticsSnapshot(
    IReadOnlyDictionary<string, long> RunsByStatus,
    IReadOnlyList<StageDurationStats> Stages,
    long CacheHits,
    long LlmCalls,
    decimal LlmCostUsd,
    decimal LlmCostSavedUsd,
    IReadOnlyList<AnalysisQuality>? Quality = null);
