using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// "gateway-study" runs the simulated repeated-workload study of the LLM gateway instead of BenchmarkDotNet.
if (args.Length > 0 && args[0] == "gateway-study")
{
    await AutoIntel.Benchmarks.IntelligenceBenchmarks.WorkloadStudy.RunAsync(Console.Out);
    return;
}

// "engines" runs the pipeline workload and a 1,000-activity fan-out on the local runtime and on the Durable engines, side by side.
if (args.Length > 0 && args[0] == "engines")
{
    await AutoIntel.Benchmarks.EngineComparison.RunAsync(Console.Out);
    return;
}

// "hostile-input [case]" parses hostile inputs under the size cap, each in its own process, and prints a Markdown table.
if (args.Length > 0 && args[0] == "hostile-input")
{
    await AutoIntel.Benchmarks.HostileInput.RunAsync(args.Length > 1 ? args[1] : null, Console.Out);
    return;
}

// "transcript-cache" analyses the same hour of audio twice for one tenant: the second run's time and transcription cost.
if (args.Length > 0 && args[0] == "transcript-cache")
{
    await AutoIntel.Benchmarks.TranscriptCacheRun.RunAsync(Console.Out);
    return;
}

// "memory-compact" compacts 100,000 stored passages with SimHash LSH and measures its recall against exact all-pairs search.
if (args.Length > 0 && args[0] == "memory-compact")
{
    await AutoIntel.Benchmarks.CompactionBenchmark.RunAsync(Console.Out);
    return;
}

// "interactions-load <autointel.dll>" measures the interactions endpoint of a real `autointel serve` process from this process.
if (args.Length > 1 && args[0] == "interactions-load")
{
    await AutoIntel.Benchmarks.InteractionsLoad.RunAsync(args[1], Console.Out);
    return;
}

// Every benchmark class in this assembly is selectable with --filter (e.g. --filter '*Runtime*').
// (typeof(Program) would be ambiguous: the Functions app, referenced for "engines", has a public Program too.)
// The generated benchmark project rebuilds the whole dependency chain; on the shared 2-core machine that can take
// longer than BenchmarkDotNet's default 2-minute build timeout.
// Targets are stated as p50, so the median and p95 are reported next to the mean.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .WithBuildTimeout(TimeSpan.FromMinutes(15))
    .AddColumn(StatisticColumn.Median, StatisticColumn.P95);
BenchmarkSwitcher.FromAssembly(typeof(AutoIntel.Benchmarks.RuntimeBenchmarks).Assembly).Run(args, config);
