using System.Globalization;
using System.Text;
using AutoIntel.Core.Quality;

namespace AutoIntel.Cli.Serve;

/// <summary>Renders the server's metrics in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusText
{
    /// <summary>The content type Prometheus expects.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Renders request counts and, when available, run statistics.</summary>
    public static string Render(RequestMetrics requests, RunStatisticsSnapshot? runs)
    {
        var text = new StringBuilder();
        Header(text, "autointel_http_requests_total", "counter", "HTTP requests served, by route template, method and status.");
        foreach (var ((route, method, status), count) in requests.Snapshot())
        {
            Line(text, "autointel_http_requests_total", $"route=\"{Escape(route)}\",method=\"{Escape(method)}\",status=\"{status}\"", count);
        }

        Header(text, "autointel_run_statistics_available", "gauge", "1 when the host supplies run statistics.");
        Line(text, "autointel_run_statistics_available", null, runs is null ? 0 : 1);
        if (runs is null)
        {
            return text.ToString();
        }

        Header(text, "autointel_runs", "gauge", "Runs by runtime status.");
        foreach ((string status, long count) in runs.RunsByStatus.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            Line(text, "autointel_runs", $"status=\"{Escape(status)}\"", count);
        }

        Header(text, "autointel_stage_duration_milliseconds", "summary", "Completed stage durations.");
        foreach (StageDurationStats stage in runs.Stages.OrderBy(s => s.Stage, StringComparer.Ordinal))
        {
            Line(text, "autointel_stage_duration_milliseconds_sum", $"stage=\"{Escape(stage.Stage)}\"", stage.TotalMilliseconds);
            Line(text, "autointel_stage_duration_milliseconds_count", $"stage=\"{Escape(stage.Stage)}\"", stage.Count);
        }

        Header(text, "autointel_llm_cache_hits_total", "counter", "LLM response-cache hits.");
        Line(text, "autointel_llm_cache_hits_total", null, runs.CacheHits);
        Header(text, "autointel_llm_calls_total", "counter", "LLM calls made.");
        Line(text, "autointel_llm_calls_total", null, runs.LlmCalls);
        Header(text, "autointel_llm_cost_usd_total", "counter", "LLM cost in US dollars.");
        Line(text, "autointel_llm_cost_usd_total", null, (double)runs.LlmCostUsd);
        Header(text, "autointel_llm_cost_saved_usd_total", "counter", "LLM cost saved by the cache, in US dollars.");
        Line(text, "autointel_llm_cost_saved_usd_total", null, (double)runs.LlmCostSavedUsd);
        if (runs.Quality is { Count: > 0 } quality)
        {
            Header(text, "autointel_analysis_quality_score", "gauge", "Per-analysis quality score (0-1): mean of valid-output rate, evidence coverage and reader feedback.");
            foreach (AnalysisQuality q in quality)
            {
                Line(text, "autointel_analysis_quality_score", $"analysis=\"{Escape(q.Task)}\"", q.Score);
            }

            Header(text, "autointel_analysis_feedback_rewards", "gauge", "Reader feedback rewards behind the quality score, by analysis.");
            foreach (AnalysisQuality q in quality)
            {
                Line(text, "autointel_analysis_feedback_rewards", $"analysis=\"{Escape(q.Task)}\"", q.FeedbackCount);
            }
        }

        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string name, string? labels, double value)
    {
        text.Append(name);
        if (labels is not null)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
