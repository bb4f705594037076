using System.Diagnostics;
using AutoIntel.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AutoIntel.TestKit;

/// <summary>Collects AutoIntel's spans through OpenTelemetry's in-memory exporter, as an exporter in production would get them.</summary>
/// <remarks>Listeners are process-wide, so spans of tests running alongside arrive too: read them by trace (<see cref="TraceOf"/>).</remarks>
public sealed class SpanCapture : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly TracerProvider _tracing;

    // OpenTelemetry's in-memory exporter adds to its list without a lock, from whichever thread ends a span, so spans of tests running
    // alongside could corrupt the list or break a reader ("Collection was modified"): this one adds under the lock the readers take.
    public SpanCapture() => _tracing = Sdk.CreateTracerProviderBuilder().AddSource(AutoIntelTelemetry.Name)
        .AddProcessor(new SimpleActivityExportProcessor(new LockedExporter(_spans))).Build()!;

    /// <summary>The spans exported so far of the run started with <paramref name="traceParent"/>.</summary>
    public CapturedRun TraceOf(string traceParent)
    {
        _tracing.ForceFlush();
        var trace = RunTrace.From(traceParent, "unused");
        lock (_spans)
        {
            return new CapturedRun(trace, [.. _spans.Where(s => s.TraceId == trace.TraceId)]);
        }
    }

    /// <summary>Every span exported so far (tests running alongside included: filter by a tag of your own).</summary>
    public IReadOnlyList<Activity> All()
    {
        _tracing.ForceFlush();
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    public void Dispose() => _tracing.Dispose();

    private sealed class LockedExporter(List<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            lock (spans)
            {
                foreach (var span in batch)
                {
                    spans.Add(span);
                }
            }

            return ExportResult.Success;
        }
    }
}

/// <summary>The spans of one run's trace.</summary>
public sealed record CapturedRun(RunTrace Trace, IReadOnlyList<Activity> Spans)
{
    /// <summary>The one span of stage <paramref name="name"/>.</summary>
    public Activity Stage(string name) => Spans.Single(s => s.DisplayName == $"stage {name}");

    /// <summary>Spans whose name starts with <paramref name="prefix"/> (<c>activity </c>, <c>stage </c>, <c>llm </c>, <c>chat </c>).</summary>
    public IReadOnlyList<Activity> Named(string prefix) => [.. Spans.Where(s => s.DisplayName.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>Asserts the shape of a finished run: the run is the root (with the id its input carries), each of <paramref name="stages"/> is its
    /// child exactly once and inside its time, and every activity attempt hangs under a stage or the run.</summary>
    public void AssertWellFormed(IReadOnlyList<string> stages, string outcome = "completed")
    {
        var run = Spans.Should().ContainSingle(s => s.DisplayName == "autointel.run").Subject;
        run.SpanId.Should().Be(Trace.RunSpanId, "the run span has the id its input carries");
        run.ParentSpanId.Should().Be(default(ActivitySpanId), "the run is the trace's root");
        run.GetTagItem("autointel.outcome").Should().Be(outcome);

        var stageSpans = Named("stage ");
        stageSpans.Select(s => s.DisplayName["stage ".Length..]).Should().BeEquivalentTo(stages, "each stage is emitted once, replays included");
        stageSpans.Should().OnlyContain(s => s.ParentSpanId == run.SpanId);
        stageSpans.Should().OnlyContain(s => s.StartTimeUtc >= run.StartTimeUtc && s.StartTimeUtc + s.Duration <= run.StartTimeUtc + run.Duration);

        var parents = stageSpans.Select(s => s.SpanId).Append(run.SpanId).ToHashSet();
        var activities = Named("activity ");
        activities.Should().NotBeEmpty();
        activities.Should().OnlyContain(s => parents.Contains(s.ParentSpanId), "every attempt hangs under its stage (or the run, for progress and failure reports)");
    }
}
