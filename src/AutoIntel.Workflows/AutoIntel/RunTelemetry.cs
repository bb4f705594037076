using AutoIntel.Core.Briefings;
using AutoIntel.Core.Quality;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Telemetry;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>The spans and metrics of one run, recorded from orchestration code: once, when a stage or the run ends live.</summary>
/// <remarks>
/// Replays re-execute the same code, so nothing is recorded while <see cref="IWorkflowContext.IsReplaying"/>: a stage that ended
/// before a crash was recorded then, and one that ends after the resume is recorded by the resumed process, under the same ids
/// (<see cref="RunTrace"/>). Times come from the context's deterministic clock. Spans: docs/observability.md.
/// </remarks>
internal sealed class RunTelemetry(IWorkflowContext context, AnalyzeRequest input)
{
    /// <summary>The run's trace context, from its input.</summary>
    public RunTrace Trace { get; } = RunTrace.From(input.TraceParent, context.InstanceId);

    /// <summary>The <c>traceparent</c> a stage's activities carry.</summary>
    public string StageTraceParent(string stage) => RunTrace.Format(Trace.Child(StageKey(stage)));

    /// <summary>Records a stage that just ended (<paramref name="error"/> null when it succeeded).</summary>
    public void StageEnded(string stage, DateTime startedAt, int activities, Exception? error = null)
    {
        if (context.IsReplaying)
        {
            return;
        }

        DateTime endedAt = context.CurrentUtcDateTime;
        RunMetrics.StageDuration.Record((endedAt - startedAt).TotalSeconds, new("stage", stage), new("depth", Depth));
        RecordedSpan.Emit(
            $"stage {stage}",
            Trace.Child(StageKey(stage)),
            Trace.Context,
            startedAt,
            endedAt,
            [new("autointel.run_id", context.InstanceId), new("autointel.stage", stage), new("autointel.activities", activities)],
            error?.Message);
    }

    /// <summary>Records the run's end: its root span, its duration and, when it produced a briefing, its sections.</summary>
    public void RunEnded(DateTime startedAt, Briefing? briefing, int sectionsRun, Exception? error = null)
    {
        if (context.IsReplaying)
        {
            return;
        }

        DateTime endedAt = context.CurrentUtcDateTime;
        string outcome = error is null ? "completed" : "failed";
        RunMetrics.RunDuration.Record((endedAt - startedAt).TotalSeconds, new("depth", Depth), new("outcome", outcome));
        IReadOnlyList<SectionDegradation> degraded = briefing?.Degradations ?? [];
        if (briefing is not null)
        {
            RunMetrics.Sections.Add(Math.Max(0, sectionsRun - degraded.Count), new KeyValuePair<string, object?>("outcome", "ok"));
        }

        foreach (SectionDegradation section in degraded)
        {
            RunMetrics.Sections.Add(1, new("outcome", "degraded"), new("section", section.Section));
        }

        // The run's own quality per analysis; reader feedback comes later and is counted by FeedbackRecorder.
        foreach (AnalysisQuality quality in briefing is null ? [] : QualityScorer.Score([briefing], []))
        {
            RunMetrics.AnalysisQuality.Record(quality.Score, new KeyValuePair<string, object?>("analysis", quality.Task));
        }

        Usage cost = briefing?.Cost ?? Usage.None;
        RecordedSpan.Emit(
            "autointel.run",
            Trace.Context,
            default,
            startedAt,
            endedAt,
            [
                new("autointel.run_id", context.InstanceId),
                new("autointel.depth", Depth),
                new("autointel.source_kind", input.Delivery is null ? "cli" : "discord"),
                new("autointel.outcome", outcome),
                new("autointel.llm_calls", cost.LlmCalls),
                new("autointel.cost_usd", (double)cost.Usd),
                new("autointel.sections_degraded", degraded.Count),
            ],
            error?.Message);
    }

    private string Depth => input.Depth.ToString().ToLowerInvariant();

    private static string StageKey(string stage) => "stage/" + stage;
}
