using System.Diagnostics;
using AutoIntel.Core.Telemetry;
using AutoIntel.Intelligence.Cache;

namespace AutoIntel.Intelligence.Gateway;

/// <summary>Spans and metrics of the gateway: one span per structured task (which model, which cache tier answered) and one per chat call.</summary>
/// <remarks>Attribute names follow the OpenTelemetry GenAI conventions where they exist (<c>gen_ai.*</c>); the rest are ours (<c>autointel.*</c>).</remarks>
internal static class LlmTelemetry
{
    /// <summary>Starts the span of one structured task (child of the activity's span).</summary>
    public static Activity? StartTask(string task, string runId)
    {
        Activity? span = AutoIntelTelemetry.Source.StartActivity($"llm {task}");
        span?.SetTag("autointel.task", task);
        span?.SetTag("autointel.run_id", runId);
        return span;
    }

    /// <summary>The router chose <paramref name="model"/> first.</summary>
    public static void Routed(Activity? span, string task, string model)
    {
        span?.SetTag("gen_ai.request.model", model);
        RunMetrics.RoutingDecisions.Add(1, new("model", model), new("task", task));
    }

    /// <summary>The cache answered from <paramref name="hit"/>'s tier, or nothing answered (null).</summary>
    public static void CacheLookup(Activity? span, CachedResponse? hit)
    {
        string tier = hit is null ? "none" : hit.Tier.ToString().ToLowerInvariant();
        span?.SetTag("autointel.cache.tier", tier);
        RunMetrics.CacheLookups.Add(1, new("tier", tier), new("result", hit is null ? "miss" : "hit"));
        if (hit is not null)
        {
            span?.SetTag("gen_ai.response.model", hit.Model);
            RunMetrics.LlmCostSaved.Add((double)hit.CostUsd, new KeyValuePair<string, object?>("tier", tier));
        }
    }

    /// <summary>Starts the span of one chat call to <paramref name="model"/>.</summary>
    public static Activity? StartChat(string task, string model, int attempt)
    {
        Activity? span = AutoIntelTelemetry.Source.StartActivity($"chat {model}", ActivityKind.Client);
        span?.SetTag("gen_ai.operation.name", "chat");
        span?.SetTag("gen_ai.request.model", model);
        span?.SetTag("autointel.task", task);
        span?.SetTag("autointel.attempt", attempt);
        return span;
    }

    /// <summary>A chat call answered (valid or not): its tokens, cost and duration.</summary>
    public static void Answered(Activity? span, string task, string model, long inputTokens, long outputTokens, decimal usd, double seconds, bool valid)
    {
        span?.SetTag("gen_ai.usage.input_tokens", inputTokens);
        span?.SetTag("gen_ai.usage.output_tokens", outputTokens);
        span?.SetTag("autointel.cost_usd", (double)usd);
        span?.SetTag("autointel.output_valid", valid);
        RunMetrics.LlmTokens.Add(inputTokens, new("model", model), new("direction", "input"));
        RunMetrics.LlmTokens.Add(outputTokens, new("model", model), new("direction", "output"));
        RunMetrics.LlmCost.Add((double)usd, new("model", model), new("task", task));
        RunMetrics.LlmCallDuration.Record(seconds, new("model", model), new("task", task), new("outcome", valid ? "ok" : "invalid"));
    }

    /// <summary>A chat call failed (after the provider's short retries).</summary>
    public static void Failed(Activity? span, string task, string model, string reason, double seconds)
    {
        span?.SetStatus(ActivityStatusCode.Error, reason);
        RunMetrics.LlmCallDuration.Record(seconds, new("model", model), new("task", task), new("outcome", "failed"));
    }
}
