using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AutoIntel.Cli.Bench;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.DurableEngines;
using AutoIntel.Functions;
using AutoIntel.Intelligence.Simulation;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Benchmarks;

/// <summary>
/// <c>engines</c>: the <c>bench pipeline</c> workload and a 1,000-activity fan-out on the local runtime, the in-process Durable
/// engine (in-memory backend behind the gRPC sidecar) and the Azure Storage backend on Azurite, one after another in this process.
/// </summary>
/// <remarks>
/// Wall time is the instance's own created → completed (from each engine's status), so the client's way of waiting for the end
/// is not counted; what the client saw is printed next to it. Each workload's critical path (<see cref="CriticalPath.Estimate"/>)
/// is estimated once, on the local runtime's run, whose history has exact scheduling times, and every engine's wall time is
/// divided by that same figure: the workload and its simulated latencies are the same, so it is the ideal each engine is held to.
/// </remarks>
internal static class EngineComparison
{
    // The published `bench pipeline` workload: a generated 60-minute podcast at depth experimental, simulated LLM latency × 0.1.
    private const Depth PipelineDepth = Depth.Experimental;
    private const int PipelineMinutes = 60;
    private const double PipelineTimeScale = 0.1;

    private const int FanOutWidth = 1_000;
    private const string FanOutWorkflow = "FanOut";
    private const string WaitActivity = "Wait";

    // What each fan-out activity does: wait like a short I/O call, so the critical path is one such wait.
    private static readonly TimeSpan FanOutActivityTime = TimeSpan.FromMilliseconds(100);

    // Activities each engine runs at once: the fan-out's width, so no activity of either workload waits for a slot.
    private const int Concurrency = FanOutWidth;

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine(Machine.Describe());
        output.WriteLine($"pipeline: {PipelineMinutes}-minute generated transcript, depth {PipelineDepth}, simulated LLM latency x {PipelineTimeScale}; " +
            $"fan-out: {FanOutWidth:N0} activities of {FanOutActivityTime.TotalMilliseconds} ms; {Concurrency:N0} activities at once on every engine");
        string work = Path.Combine(Path.GetTempPath(), "autointel-engines", Guid.NewGuid().ToString("N"));
        var azurite = new AzuriteAccountServer();
        try
        {
            string transcript = await PipelineBenchmark.WriteTranscriptAsync(work, PipelineMinutes, CancellationToken.None);
            var latency = SimulatedLatencyOptions.Scaled(PipelineTimeScale);
            await azurite.InitializeAsync();

            var rows = new List<Row>();
            Row Record(Row row)
            {
                rows.Add(row);
                output.WriteLine($"  {row.Engine}, {row.Workload}: {Ms(row.Wall)} (load average {Machine.LoadAverage()})");
                return row;
            }

            Row pipeline = Record(await LocalPipelineAsync(Path.Combine(work, "local-pipeline"), transcript, latency));
            Row fanOut = Record(await LocalFanOutAsync(Path.Combine(work, "local-fanout")));
            foreach (EngineKind kind in new[] { EngineKind.InMemory, EngineKind.AzureStorage })
            {
                Record(await EnginePipelineAsync(kind, azurite, pipeline, Path.Combine(work, $"{kind}-pipeline"), transcript, latency));
                Record(await EngineFanOutAsync(kind, azurite, fanOut));
            }

            output.WriteLine();
            output.WriteLine("| engine | workload | activities | wall | activities/s | critical path | wall / critical path | client saw |");
            output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (Row r in rows)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Engine} | {r.Workload} | {r.Activities:N0} | {Ms(r.Wall)} | {r.Activities / r.Wall.TotalSeconds:N1} | {Ms(r.CriticalPath)} | {r.Wall / r.CriticalPath:N2} | {Ms(r.ClientWall)} |"));
            }

            output.WriteLine($"load average after: {Machine.LoadAverage()}");
        }
        finally
        {
            await azurite.DisposeAsync();
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<Row> LocalPipelineAsync(string dataDir, string transcript, SimulatedLatencyOptions latency)
    {
        (InstanceStatus status, TimeSpan clientWall) = await PipelineBenchmark.RunOnceAsync(dataDir, transcript, PipelineDepth, latency, sequential: false, CancellationToken.None);
        return LocalRow("pipeline", status, clientWall);
    }

    private static async Task<Row> LocalFanOutAsync(string dataDir)
    {
        await using var runtime = new LocalWorkflowRuntime(
            FanOutRegistry(),
            new FileHistoryStore(new FileHistoryStoreOptions { RootPath = dataDir }),
            new ServiceCollection().BuildServiceProvider(),
            new LocalRuntimeOptions { MaxConcurrentActivities = Concurrency },
            TimeProvider.System,
            NullLoggerFactory.Instance);
        long started = Stopwatch.GetTimestamp();
        StartResult start = await runtime.StartAsync(FanOutWorkflow, FanOutWidth);
        InstanceStatus status = await runtime.WaitForCompletionAsync(start.InstanceId, CancellationToken.None);
        TimeSpan clientWall = Stopwatch.GetElapsedTime(started);
        return status.RuntimeStatus == RuntimeStatus.Completed
            ? LocalRow("fan-out", status, clientWall)
            : throw new InvalidOperationException($"Local fan-out ended {status.RuntimeStatus}: {status.Failure?.Message}");
    }

    private static Row LocalRow(string workload, InstanceStatus status, TimeSpan clientWall) =>
        new("local runtime", workload, status.Activities.Count, status.CompletedAtUtc!.Value - status.CreatedAtUtc, clientWall, CriticalPath.Estimate(status.Activities));

    /// <summary>The /autointel functions from functions.metadata over the Functions app's own container, with the same simulated latency.</summary>
    private static async Task<Row> EnginePipelineAsync(EngineKind kind, AzuriteServer azurite, Row local, string dataDir, string transcript, SimulatedLatencyOptions latency)
    {
        IConfiguration configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(configuration);
        services.AddAutoIntelFunctions(configuration, dataDir);
        services.AddSimulatedLlmLatency(latency);
        await using ServiceProvider app = services.BuildServiceProvider();
        var input = JsonSerializer.SerializeToElement(new AnalyzeRequest(transcript, PipelineDepth), AutoIntelJson.Options);
        return await OnEngineAsync(kind, azurite, local, tasks => tasks.AddFunctionsApp(app), WorkflowNames.AutoIntel, input);
    }

    /// <summary>The fan-out workflow through the adapter's OrchestrationRunner and ActivityDispatcher.</summary>
    private static async Task<Row> EngineFanOutAsync(EngineKind kind, AzuriteServer azurite, Row local)
    {
        await using ServiceProvider app = new ServiceCollection().BuildServiceProvider();
        return await OnEngineAsync(kind, azurite, local, tasks => tasks.AddWorkflows(FanOutRegistry(), app), FanOutWorkflow, JsonSerializer.SerializeToElement(FanOutWidth));
    }

    /// <summary>One run on a fresh engine; activities and critical path are the local run's of the same workload (<paramref name="local"/>).</summary>
    private static async Task<Row> OnEngineAsync(EngineKind kind, AzuriteServer azurite, Row local, Action<DurableTaskRegistry> register, string workflow, JsonElement input)
    {
        await using DurableEngine engine = await Engine.StartAsync(kind, azurite, register, Concurrency);
        long started = Stopwatch.GetTimestamp();
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(workflow, input);
        OrchestrationMetadata done = await engine.WaitForEndAsync(id, Engine.RunTimeout);
        TimeSpan clientWall = Stopwatch.GetElapsedTime(started);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{local.Workload} on {kind} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage ?? done.SerializedOutput}");
        }

        string engineName = kind == EngineKind.InMemory ? "in-process engine (in-memory)" : "Azure Storage backend (Azurite)";
        return local with { Engine = engineName, Wall = done.LastUpdatedAt - done.CreatedAt, ClientWall = clientWall };
    }

    private static WorkflowRegistry FanOutRegistry() => new WorkflowRegistry()
        .AddActivity<int, int>(WaitActivity, async (_, _, i) =>
        {
            await Task.Delay(FanOutActivityTime);
            return i;
        })
        .AddWorkflow<int, int>(FanOutWorkflow, async (context, width) =>
            (await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<int>(WaitActivity, i)))).Length);

    private static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:N0} ms");

    private sealed record Row(string Engine, string Workload, int Activities, TimeSpan Wall, TimeSpan ClientWall, TimeSpan CriticalPath);
}
