using AutoIntel.Discord;
using AutoIntel.Functions.Durable;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace AutoIntel.Functions.Orchestrations;

/// <summary>Keeps the weekly report's eternal orchestration running when a report channel is configured.</summary>
/// <remarks>
/// The schedule itself is the durable timer in <see cref="WeeklyReportWorkflow"/>; this hourly trigger only starts it (a fixed
/// instance id makes every later call a no-op), as <c>autointel serve</c> does at start-up. Hourly rather than on start-up:
/// a Functions app has no start-up hook with a Durable client, and a purged or terminated schedule comes back within the hour.
/// </remarks>
public sealed class WeeklyReportSchedule(IOptions<DiscordOptions> discord, WorkflowRegistry registry, TimeProvider time)
{
    /// <summary>Starts the schedule unless it runs already; nothing without <c>Discord__ReportChannelId</c>.</summary>
    [Function("WeeklyReportSchedule")]
    public Task RunAsync([TimerTrigger("0 5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(discord.Value.ReportChannelId)
            ? Task.CompletedTask
            : WeeklyReportWorkflow.EnsureStartedAsync(new DurableWorkflowClient(durable, registry), time.GetUtcNow().UtcDateTime, cancellationToken);
}
