using System.Runtime.InteropServices;

namespace AutoIntel.Benchmarks;

/// <summary>What a recorded figure needs next to it: the machine, the date and how loaded the machine was.</summary>
internal static class Machine
{
    /// <summary>One line: date (UTC), CPU model, cores, OS, .NET, load average.</summary>
    public static string Describe() =>
        $"date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
        $".NET {Environment.Version}, load average {LoadAverage()}";

    /// <summary>The 1-, 5- and 15-minute load averages (what <c>uptime</c> prints), or "n/a" off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : RuntimeInformation.ProcessArchitecture.ToString();
}
