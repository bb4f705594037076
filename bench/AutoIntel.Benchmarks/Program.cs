using BenchmarkDotNet.Running;

// "gateway-study" runs the simulated repeated-workload study of the LLM gateway instead of BenchmarkDotNet.
if (args.Length > 0 && args[0] == "gateway-study")
{
    AutoIntel.Benchmarks.IntelligenceBenchmarks.WorkloadStudy.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
