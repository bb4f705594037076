using AutoIntel.Memory;
using AutoIntel.Memory.Upkeep;
using AutoIntel.Workflows.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoIntel.Workflows.AutoIntel.Upkeep;

/// <summary>Input of <see cref="RunMemoryUpkeep"/>: when the pass was due (for the logs and the history).</summary>
public sealed record RunMemoryUpkeepInput(DateTime DueUtc);

/// <summary>What one upkeep pass did, and the interval configured now (the schedule plans its next pass with it).</summary>
/// <param name="Skipped">Why nothing ran and the schedule ends (a store that cannot list its records, or the timer turned off).</param>
public sealed record UpkeepPass(int Tenants, int ExpiredRemoved, int DuplicatesRemoved, TimeSpan Interval, string? Skipped = null);

/// <summary>One pass of memory upkeep over every guild: retention, then near-duplicate compaction.</summary>
public sealed class RunMemoryUpkeep(MemoryUpkeep upkeep, IOptions<MemoryOptions> options) : IActivity<RunMemoryUpkeepInput, UpkeepPass>
{
    /// <inheritdoc/>
    public async Task<UpkeepPass> RunAsync(ActivityContext context, RunMemoryUpkeepInput input)
    {
        TimeSpan interval = options.Value.UpkeepInterval;
        if (interval <= TimeSpan.Zero)
        {
            return new UpkeepPass(0, 0, 0, interval, "Memory:UpkeepInterval is 0: periodic upkeep is off.");
        }

        UpkeepReport report = await upkeep.RunAsync(null, context.CancellationToken);
        return new UpkeepPass(report.Tenants.Count, report.ExpiredRemoved, report.DuplicatesRemoved, interval, report.Skipped);
    }
}
