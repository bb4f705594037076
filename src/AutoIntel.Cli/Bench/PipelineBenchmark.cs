using System.Diagnostics;
using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Simulation;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Cli.Bench;

/// <summary>Runs the workflow on a generated transcript with simulated LLM latency, in parallel and sequentially.</summary>
public static class PipelineBenchmark
{
    /// <summary>Runs both modes in fresh data folders and compares them.</summary>
    public static async Task<PipelineBenchmarkResult> RunAsync(Depth depth, int minutes, double timeScale, string workDir, CancellationToken cancellationToken)
    {
        var transcript = await WriteTranscriptAsync(workDir, minutes, cancellationToken);
        var latency = SimulatedLatencyOptions.Scaled(timeScale);
        var parallel = await RunOnceAsync(Path.Combine(workDir, "parallel"), transcript, depth, latency, sequential: false, cancellationToken);
        var sequential = await RunOnceAsync(Path.Combine(workDir, "sequential"), transcript, depth, latency, sequential: true, cancellationToken);

        var critical = CriticalPath.Estimate(parallel.Status.Activities);
        return new PipelineBenchmarkResult(
            depth.ToString().ToLowerInvariant(),
            minutes,
            timeScale,
            parallel.Status.Activities.Count,
            Math.Round(parallel.Wall.TotalMilliseconds, 1),
            Math.Round(sequential.Wall.TotalMilliseconds, 1),
            Math.Round(critical.TotalMilliseconds, 1),
            Math.Round(sequential.Wall / parallel.Wall, 2),
            Math.Round(parallel.Wall / critical, 3));
    }

    /// <summary>Writes the generated transcript of <paramref name="minutes"/> minutes into <paramref name="workDir"/> and returns its path.</summary>
    public static async Task<string> WriteTranscriptAsync(string workDir, int minutes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDir);
        var transcript = Path.Combine(workDir, $"generated-{minutes}min.srt");
        await File.WriteAllTextAsync(transcript, TranscriptGenerator.Generate(minutes), cancellationToken);
        return transcript;
    }

    /// <summary>One run of the workflow on the local runtime over a fresh <paramref name="dataDir"/>; throws unless it completes.</summary>
    public static async Task<(InstanceStatus Status, TimeSpan Wall)> RunOnceAsync(
        string dataDir, string transcript, Depth depth, SimulatedLatencyOptions latency, bool sequential, CancellationToken cancellationToken)
    {
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }

        // A pool wide enough that no activity waits for a worker: then the parallel wall time can approach the critical path.
        await using var app = AutoIntelApp.Create(new AppSettings(dataDir, Sequential: sequential, SimulatedLatency: latency, MaxConcurrentActivities: 512));
        var started = Stopwatch.GetTimestamp();
        var start = await app.Runtime.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(transcript, depth), null, cancellationToken);
        var status = await app.Runtime.WaitForCompletionAsync(start.InstanceId, cancellationToken);
        var wall = Stopwatch.GetElapsedTime(started);
        if (status.RuntimeStatus != RuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"Benchmark run {(sequential ? "sequential" : "parallel")} ended {status.RuntimeStatus}: {status.Failure?.Message}");
        }

        return (status, wall);
    }
}

/// <summary>What <c>bench pipeline</c> measured.</summary>
/// <param name="TimeScale">Simulated latencies were multiplied by this (1 = modelled real LLM latency).</param>
/// <param name="ParallelOverCriticalPath">Parallel wall time divided by the critical path (target ≤ 1.25).</param>
public sealed record PipelineBenchmarkResult(
    string Depth,
    int Minutes,
    double TimeScale,
    int Activities,
    double ParallelMs,
    double SequentialMs,
    double CriticalPathMs,
    double Speedup,
    double ParallelOverCriticalPath);
