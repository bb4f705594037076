using System.Diagnostics;
using AutoIntel.Core.Telemetry;
using TraceContext = System.Diagnostics.ActivityContext;

namespace AutoIntel.Workflows.Abstractions;

/// <summary>The span of one activity attempt, shared by both hosts' activity executors.</summary>
/// <remarks>Activities run only live (a replay reads their results from history), so an attempt span is never emitted twice.</remarks>
public static class ActivityTracing
{
    /// <summary>Starts the attempt's span under <paramref name="traceParent"/> (a root when absent); null when nothing listens.</summary>
    /// <remarks>It becomes <see cref="Activity.Current"/>, so LLM and HTTP client spans inside the activity are its children.</remarks>
    public static Activity? StartAttempt(ActivityContext context, string? traceParent)
    {
        TraceContext parent = traceParent is not null && TraceContext.TryParse(traceParent, null, isRemote: true, out TraceContext parsed) ? parsed : default;
        Activity? span = AutoIntelTelemetry.Source.StartActivity($"activity {context.ActivityName}", ActivityKind.Internal, parent);
        span?.SetTag("autointel.run_id", context.InstanceId);
        span?.SetTag("autointel.activity", context.ActivityName);
        span?.SetTag("autointel.attempt", context.Attempt);
        return span;
    }

    /// <summary>Marks the attempt's span failed.</summary>
    public static void Fail(Activity? span, Exception error)
    {
        span?.SetStatus(ActivityStatusCode.Error, error.Message);
        span?.AddException(error);
    }
}
