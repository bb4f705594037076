using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Benchmarks;

/// <summary>The local durable runtime: a 10,000-activity fan-out (target &lt; 1 s) and a 1,000-event replay (target &lt; 50 ms), on file history.</summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its generated runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class RuntimeBenchmarks
{
    private const int FanOutWidth = 10_000;
    private const int SequentialCalls = 333; // 1 + 3 x 333 = 1,000 events
    private readonly string _root = Path.Combine(Path.GetTempPath(), "autointel-bench", Guid.NewGuid().ToString("N"));
    private readonly WorkflowRegistry _registry = new WorkflowRegistry()
        .AddActivity<int, int>("Noop", (_, _, x) => Task.FromResult(x))
        .AddWorkflow<int, int>("FanOut", async (ctx, n) =>
        {
            var calls = new Task<int>[n];
            for (var i = 0; i < n; i++)
            {
                calls[i] = ctx.CallActivityAsync<int>("Noop", i);
            }

            return (await Task.WhenAll(calls)).Length;
        })
        .AddWorkflow<int, int>("Sequence", async (ctx, n) =>
        {
            for (var i = 0; i < n; i++)
            {
                await ctx.CallActivityAsync<int>("Noop", i);
            }

            return await ctx.WaitForExternalEvent<int>("never");
        });

    private string _template = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_root);
        _template = Path.Combine(_root, "template.jsonl.bak");
        WriteSequentialHistoryAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "Fan-out 10,000 no-op activities (file history)")]
    public async Task<int> FanOut10000()
    {
        var root = Path.Combine(_root, "fanout", Guid.NewGuid().ToString("N"));
        await using var runtime = NewRuntime(root);
        var started = await runtime.StartAsync("FanOut", FanOutWidth);
        var status = await runtime.WaitForCompletionAsync(started.InstanceId, CancellationToken.None);
        return status.RuntimeStatus == RuntimeStatus.Completed ? status.Output!.Value.GetInt32() : throw new InvalidOperationException(status.Failure?.Message);
    }

    [IterationSetup(Target = nameof(Replay1000Events))]
    public void CopyTemplate()
    {
        var dir = Path.Combine(_root, "replay");
        Directory.CreateDirectory(dir);
        File.Copy(_template, Path.Combine(dir, "seq.jsonl"), overwrite: true);
    }

    [IterationCleanup(Target = nameof(FanOut10000))]
    public void DeleteFanOutHistories()
    {
        var dir = Path.Combine(_root, "fanout");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Benchmark(Description = "Replay a 1,000-event history (file history)")]
    public async Task<bool> Replay1000Events()
    {
        await using var runtime = NewRuntime(Path.Combine(_root, "replay"));
        return await runtime.ResumeAsync("seq", CancellationToken.None);
    }

    private LocalWorkflowRuntime NewRuntime(string root) => new(
        _registry,
        new FileHistoryStore(new FileHistoryStoreOptions { RootPath = root }),
        new NoServices(),
        new LocalRuntimeOptions(),
        TimeProvider.System,
        NullLoggerFactory.Instance);

    // The history the "Sequence" workflow writes after its 333 calls, as it waits for an event.
    private async Task WriteSequentialHistoryAsync()
    {
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = Path.Combine(_root, "build") });
        var now = DateTime.UtcNow;
        var events = new List<HistoryEvent> { new ExecutionStarted(now, "Sequence", JsonSerializer.SerializeToElement(SequentialCalls)) };
        for (var i = 0; i < SequentialCalls; i++)
        {
            var value = JsonSerializer.SerializeToElement(i);
            events.Add(new TaskScheduled(now, i, "Noop", value));
            events.Add(new TaskStarted(now, i, 1, "bench"));
            events.Add(new TaskCompleted(now, i, value));
        }

        await using (var log = await store.OpenAsync("seq", CancellationToken.None))
        {
            await log.AppendAsync(events, flushToDisk: false, CancellationToken.None);
        }

        File.Copy(store.PathOf("seq"), _template, overwrite: true);
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
