using System.Diagnostics;
using System.Reflection;

namespace AutoIntel.Core.Telemetry;

/// <summary>Emits a span after the fact, with a span id chosen beforehand (<see cref="RunTrace"/>) and recorded start and end times.</summary>
/// <remarks>
/// A durable run outlives processes: its run and stage spans cannot stay open across a crash, and their children must name
/// them as parent before they end. So they are emitted once, when they end and the code is not replaying, with ids derived
/// deterministically. <see cref="Activity"/> has no public way to choose its own span id, so this sets the private fields, as the
/// Durable Task framework does for its orchestration spans (DurableTask.Core DiagnosticActivityExtensions); the
/// AutoIntel.Core tests check the emitted ids, so a runtime that renames those fields fails a test instead of breaking traces silently.
/// </remarks>
public static class RecordedSpan
{
    private static readonly FieldInfo? IdField = typeof(Activity).GetField("_id", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? SpanIdField = typeof(Activity).GetField("_spanId", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? TraceIdField = typeof(Activity).GetField("_traceId", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Emits span <paramref name="name"/> as <paramref name="self"/>, under <paramref name="parent"/> (default: a root span).</summary>
    /// <param name="error">Null for success; else the span's error status description.</param>
    public static void Emit(
        string name,
        ActivityContext self,
        ActivityContext parent,
        DateTime startUtc,
        DateTime endUtc,
        IEnumerable<KeyValuePair<string, object?>> tags,
        string? error = null)
    {
        // Null when nothing listens (no exporter configured): then there is nothing to do.
        using Activity? span = AutoIntelTelemetry.Source.CreateActivity(name, ActivityKind.Internal, parent == default ? default : parent, tags);
        if (span is null)
        {
            return;
        }

        span.SetStartTime(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc));
        span.Start();
        SetIds(span, self);
        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, error);
        }

        span.SetEndTime(DateTime.SpecifyKind(endUtc < startUtc ? startUtc : endUtc, DateTimeKind.Utc));
        span.Stop();
    }

    private static void SetIds(Activity span, ActivityContext self)
    {
        if (IdField is null || SpanIdField is null || TraceIdField is null)
        {
            return;
        }

        TraceIdField.SetValue(span, self.TraceId.ToHexString());
        SpanIdField.SetValue(span, self.SpanId.ToHexString());
        IdField.SetValue(span, RunTrace.Format(self));
    }
}
