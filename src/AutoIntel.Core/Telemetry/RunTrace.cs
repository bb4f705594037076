using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace AutoIntel.Core.Telemetry;

/// <summary>The W3C trace context of one run: its trace id and the span id of the run (the trace's root span).</summary>
/// <remarks>
/// Carried as a <c>traceparent</c> string in the workflow input, so every replay, a resume in another process and either host
/// see the same ids. Spans inside the run get ids derived from it (<see cref="ChildSpanId"/>): a stage re-entered after a crash
/// keeps its id, and activities scheduled before and after the crash hang under the same parent.
/// </remarks>
public readonly record struct RunTrace(ActivityTraceId TraceId, ActivitySpanId RunSpanId)
{
    /// <summary>The run span's context, the parent of its stages.</summary>
    public ActivityContext Context => new(TraceId, RunSpanId, ActivityTraceFlags.Recorded, isRemote: true);

    /// <summary>The run's context as a W3C <c>traceparent</c> header value.</summary>
    public string TraceParent => Format(TraceId, RunSpanId);

    /// <summary>A fresh context for a run about to start (a new trace whose root is the run).</summary>
    public static string NewTraceParent() => Format(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());

    /// <summary>The run's context from its input; runs started without one (older histories) get ids derived from the instance id.</summary>
    public static RunTrace From(string? traceParent, string instanceId)
    {
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, out ActivityContext parsed))
        {
            return new RunTrace(parsed.TraceId, parsed.SpanId);
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes("autointel-run:" + instanceId));
        var traceId = ActivityTraceId.CreateFromBytes(hash.AsSpan(0, 16));
        return new RunTrace(traceId, DeriveSpanId(traceId, "run"));
    }

    /// <summary>The W3C <c>traceparent</c> of <paramref name="context"/> (sampled).</summary>
    public static string Format(ActivityContext context) => Format(context.TraceId, context.SpanId);

    /// <summary>A span id inside this run that is the same on every replay for the same <paramref name="key"/>.</summary>
    public ActivitySpanId ChildSpanId(string key) => DeriveSpanId(TraceId, key);

    /// <summary>The context of the child span named by <paramref name="key"/>.</summary>
    public ActivityContext Child(string key) => new(TraceId, ChildSpanId(key), ActivityTraceFlags.Recorded, isRemote: true);

    private static string Format(ActivityTraceId traceId, ActivitySpanId spanId) => $"00-{traceId.ToHexString()}-{spanId.ToHexString()}-01";

    private static ActivitySpanId DeriveSpanId(ActivityTraceId traceId, string key)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(traceId.ToHexString() + "/" + key));

        // An all-zero span id is invalid in W3C; one hash byte changed keeps the id derived, and this practically never runs.
        if (hash.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            hash[7] = 1;
        }

        return ActivitySpanId.CreateFromBytes(hash.AsSpan(0, 8));
    }
}
