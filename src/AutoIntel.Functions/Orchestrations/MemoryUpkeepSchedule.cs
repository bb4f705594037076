using AutoIntel.Functions.Durable;
using AutoIntel.Memory;
using AutoIntel.Memory.Upkeep;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Upkeep;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace AutoIntel.Functions.Orchestrations;

/// <summary>Keeps memory upkeep's eternal orchestration running (retention and compaction every <c>Memory__UpkeepInterval</c>).</summary>
/// <remarks>As <see cref="WeeklyReportSchedule"/>: the schedule is the durable timer in <see cref="MemoryUpkeepWorkflow"/>; this
/// hourly trigger only starts it (fixed instance id), and nothing when the store cannot be upkept or the interval is 0.</remarks>
public sealed class MemoryUpkeepSchedule(MemoryUpkeep upkeep, IOptions<MemoryOptions> options, WorkflowRegistry registry, TimeProvider time)
{
    /// <summary>Starts the schedule unless it runs already.</summary>
    [Function("MemoryUpkeepSchedule")]
    public Task RunAsync([TimerTrigger("0 10 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        MemoryUpkeepWorkflow.EnsureStartedAsync(new DurableWorkflowClient(durable, registry), upkeep, options.Value, time.GetUtcNow().UtcDateTime, cancellationToken);
}
