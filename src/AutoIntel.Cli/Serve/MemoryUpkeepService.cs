using AutoIntel.Memory;
using AutoIntel.Memory.Upkeep;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIntel.Cli.Serve;

/// <summary>Runs memory upkeep (retention, then near-duplicate compaction) every <c>Memory:UpkeepInterval</c> while <c>serve</c> runs.</summary>
/// <remarks>
/// A plain timer until the workflow engine has ContinueAsNew: then this becomes an eternal orchestration (durable timer,
/// one activity, continue-as-new) so that Functions runs it too and a missed pass survives restarts. A pass that fails is
/// logged and the next tick tries again.
/// </remarks>
public sealed class MemoryUpkeepService(MemoryUpkeep upkeep, IOptions<MemoryOptions> options, TimeProvider time, ILogger<MemoryUpkeepService> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.UpkeepInterval;
        if (interval <= TimeSpan.Zero)
        {
            log.LogInformation("Memory upkeep timer is off (Memory:UpkeepInterval is 0)");
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                UpkeepReport report = await upkeep.RunAsync(null, stoppingToken);
                if (report.Skipped is not null)
                {
                    log.LogWarning("Memory upkeep skipped: {Reason}", report.Skipped);
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Memory upkeep failed; trying again in {Interval}", interval);
            }
        }
    }
}
