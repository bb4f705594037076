using System.Text.Json;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AutoIntel.Functions.Orchestrations;

/// <summary>The Durable orchestrator function of the weekly report (<see cref="WeeklyReportWorkflow"/>): durable timer, post, continue as new.</summary>
public sealed class WeeklyReportOrchestrator(OrchestrationRunner runner)
{
    /// <summary>Runs (or replays) one week of the schedule.</summary>
    [Function(QualityNames.WeeklyReport)]
    public Task<JsonElement> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunAsync(QualityNames.WeeklyReport, context);
}
