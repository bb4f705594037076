using System.Text;
using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Telemetry;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Cli.Tests.Hosting;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a one-shot command exports its run's trace and metrics over OTLP/HTTP before it exits.</summary>
public sealed class OtlpExportTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();
    private FakeOtlpCollector _collector = null!;

    public async Task InitializeAsync() => _collector = await FakeOtlpCollector.StartAsync();

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Run_WithOtlpEndpoint_TraceAndMetricsArriveByTheTimeTheAppIsDisposed()
    {
        string traceParent = RunTrace.NewTraceParent();
        RunTrace trace = RunTrace.From(traceParent, "unused");
        var settings = new AppSettings(_data.Path, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        await using (var app = AutoIntelApp.Create(settings))
        {
            var start = await app.Runtime.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(RepoPaths.Sample("article.html"), Depth.Quick, TraceParent: traceParent));
            var final = await app.Runtime.WaitForCompletionAsync(start.InstanceId, CancellationToken.None);
            final.RuntimeStatus.Should().Be(RuntimeStatus.Completed, final.Failure?.Message);
        }

        // Assert: nothing waited for an export interval; disposing the app flushed both signals.
        _collector.Requests.Should().OnlyContain(r => r.ContentType == "application/x-protobuf");
        _collector.Requests.Select(r => r.Path).Should().Contain(["/v1/traces", "/v1/metrics"]);
        var spans = _collector.Spans.Where(s => s.TraceId == trace.TraceId.ToHexString()).ToList();
        var run = spans.Should().ContainSingle(s => s.Name == "autointel.run").Subject;
        run.SpanId.Should().Be(trace.RunSpanId.ToHexString());
        spans.Single(s => s.Name == "stage acquire").ParentSpanId.Should().Be(run.SpanId);
        spans.Should().Contain(s => s.Name == $"activity {ActivityNames.AcquireContent}");
        _collector.Requests.Where(r => r.Path == "/v1/metrics").Select(r => Encoding.UTF8.GetString(r.Body))
            .Should().Contain(body => body.Contains(MetricNames.RunDuration, StringComparison.Ordinal) && body.Contains(MetricNames.StageDuration, StringComparison.Ordinal));
    }
}
