namespace AutoIntel.Core.Telemetry;

/// <summary>Instrument names, as OpenTelemetry names them; Prometheus shows dots as underscores plus a unit or <c>_total</c> suffix.</summary>
/// <remarks>docs/observability.md lists each with its tags, the dashboard panels and the alerts that read it. A new metric (e.g. a
/// per-analysis quality score) is one constant here and one instrument in <see cref="RunMetrics"/>.</remarks>
public static class MetricNames
{
    /// <summary>Histogram, seconds, by depth and outcome (completed, failed): a run from start to its end.</summary>
    public const string RunDuration = "autointel.run.duration";

    /// <summary>Histogram, seconds, by stage and depth.</summary>
    public const string StageDuration = "autointel.stage.duration";

    /// <summary>Counter, by section and outcome (ok, degraded): every briefing section a run produced or tried to.</summary>
    public const string Sections = "autointel.sections";

    /// <summary>Counter, by tier (exact, semantic) and result (hit, miss): LLM response-cache lookups.</summary>
    public const string CacheLookups = "autointel.llm.cache.lookups";

    /// <summary>Counter, by model and task: which model the router chose.</summary>
    public const string RoutingDecisions = "autointel.llm.routing.decisions";

    /// <summary>Histogram, seconds, by model, task and outcome: one LLM call (a cache hit makes none).</summary>
    public const string LlmCallDuration = "autointel.llm.call.duration";

    /// <summary>Counter, US dollars, by model and task: what LLM calls cost.</summary>
    public const string LlmCost = "autointel.llm.cost";

    /// <summary>Counter, US dollars, by tier: what cache hits saved.</summary>
    public const string LlmCostSaved = "autointel.llm.cost.saved";

    /// <summary>Counter, tokens, by model and direction (input, output).</summary>
    public const string LlmTokens = "autointel.llm.tokens";

    /// <summary>Counter, by reason (rate_limited, server_error): Discord requests sent again.</summary>
    public const string DeliveryRetries = "autointel.delivery.retries";

    /// <summary>Histogram, score 0..1, by analysis (the router's task type): a completed run's quality score of each analysis it ran
    /// (valid-output rate and, for claim verification, evidence coverage; reader feedback arrives later, see <see cref="Feedback"/>).</summary>
    public const string AnalysisQuality = "autointel.analysis.quality";

    /// <summary>Counter, by analysis and reward (positive, negative): reader feedback reaching the router, one per analysis and model a click rewards.</summary>
    public const string Feedback = "autointel.feedback";
}
