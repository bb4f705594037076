using System.CommandLine;
using System.Text.Json;
using AutoIntel.Cli.Bench;
using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel bench pipeline</c>: parallel vs sequential wall time of the whole workflow under simulated LLM latency.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var depth = CommonOptions.DepthOption(Depth.Experimental);
        var minutes = new Option<int>("--minutes") { Description = "Minutes of generated speech.", DefaultValueFactory = _ => 60 };
        var scale = new Option<double>("--time-scale") { Description = "Multiply the modelled LLM latencies by this (1 = real-time; smaller is faster, ratios are kept).", DefaultValueFactory = _ => 0.1 };
        var json = CommonOptions.Json();
        var pipeline = new Command("pipeline", "Run the workflow on a generated transcript with simulated LLM latency, parallel and --sequential.") { depth, minutes, scale, json };
        pipeline.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(minutes) is < 1 or > 600 || parse.GetValue(scale) is <= 0 or > 10)
            {
                await Console.Error.WriteLineAsync("error: --minutes must be 1..600 and --time-scale in (0, 10].");
                return ExitCodes.BadInput;
            }

            var workDir = Path.Combine(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir)), "bench");
            var result = await PipelineBenchmark.RunAsync(parse.GetValue(depth), parse.GetValue(minutes), parse.GetValue(scale), workDir, ct);
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(result, AutoIntelJson.Indented)
                : $"""
                   depth {result.Depth}, {result.Minutes} min of speech, {result.Activities} activities, latency scale {result.TimeScale}
                   parallel      {result.ParallelMs,10:N0} ms
                   sequential    {result.SequentialMs,10:N0} ms
                   critical path {result.CriticalPathMs,10:N0} ms
                   speedup       {result.Speedup,10:N2}x   (target ≥ 4)
                   parallel / critical path {result.ParallelOverCriticalPath:N3}   (target ≤ 1.25)
                   """);
            return ExitCodes.Success;
        });

        return new Command("bench", "Benchmarks.") { pipeline };
    }
}
