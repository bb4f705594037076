using AutoIntel.Core.Runs;
using AutoIntel.Core.Telemetry;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>One trace per run on the local runtime: the run is the root, stages its children, activity attempts theirs; replays emit nothing twice.</summary>
public sealed class RunTraceTests : IDisposable
{
    private readonly SpanCapture _spans = new();

    public void Dispose() => _spans.Dispose();

    [Fact]
    public async Task Run_Completes_OneTraceRootedInTheRunWithStagesAndActivitiesBelow()
    {
        string traceParent = RunTrace.NewTraceParent();
        await using var harness = new AutoIntelHarness();

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(RepoPaths.Sample("article.html"), Depth.Quick, TraceParent: traceParent));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        _spans.TraceOf(traceParent).AssertWellFormed(["acquire", "transcribe", "segment", "analyse", "fact-check", "remember", "brief"]);
    }

    [Fact]
    public async Task Run_CrashMidStageThenResume_StaysOneTraceWithoutDuplicateSpans()
    {
        string traceParent = RunTrace.NewTraceParent();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new AutoIntelHarness(services => services.AddSingleton<IContentAnalyzer>(sp =>
            new StallingAnalyzer(sp.GetRequiredKeyedService<IContentAnalyzer>(AutoIntelServiceCollectionExtensions.OfflineAnalyzerKey), stalled)));
        var first = harness.CreateRuntime();
        string id = (await first.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(RepoPaths.Sample("article.html"), Depth.Quick, TraceParent: traceParent))).InstanceId;
        await stalled.Task.WaitAsync(TimeSpan.FromMinutes(2));

        await first.DisposeAsync();
        var beforeResume = _spans.TraceOf(traceParent);
        var second = harness.CreateRuntime();
        (await second.ResumeAsync(id, CancellationToken.None)).Should().BeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var status = await second.WaitForCompletionAsync(id, timeout.Token);

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        beforeResume.Spans.Should().NotContain(s => s.DisplayName == "autointel.run" || s.DisplayName == "stage analyse", "neither had ended at the crash");
        var trace = _spans.TraceOf(traceParent);
        trace.AssertWellFormed(["acquire", "transcribe", "segment", "analyse", "fact-check", "remember", "brief"]);
        var analyse = trace.Stage("analyse");
        var entityAttempts = trace.Spans.Where(s => s.DisplayName == $"activity {ActivityNames.AnalyseChunkToStore}").ToList();
        entityAttempts.Should().HaveCountGreaterThan(status.Activities.Count(a => a.Name == ActivityNames.AnalyseChunkToStore), "the stalled entities attempt was cut off by the crash and ran again after the resume");
        entityAttempts.Should().OnlyContain(s => s.ParentSpanId == analyse.SpanId, "attempts before and after the crash hang under the same stage span");
        beforeResume.Spans.Where(s => s.DisplayName.StartsWith("activity ", StringComparison.Ordinal) && s.ParentSpanId == analyse.SpanId)
            .Should().NotBeEmpty("the first process ran part of the stage already");
    }
}
