using AutoIntel.Core.Runs;
using AutoIntel.DurableEngines;
using AutoIntel.Functions.Durable;
using AutoIntel.Functions.Tests.Adapter;
using AutoIntel.Functions.Tests.Engines;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.DurableTask.Client;

namespace AutoIntel.Functions.Tests;

/// <summary>
/// The weekly report as Azure runs it: the WeeklyReportWorkflow orchestrator function and its PostWeeklyReport activity (which
/// binds the Durable client to list the task hub's runs) from functions.metadata on a real Durable engine.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class WeeklyReportOnEngineTests(AzuriteAccountServer azurite) : IAsyncLifetime
{
    private const string ReportChannel = "3000000000000000033";
    private FakeDiscordServer _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task WeeklyReport_OnTheEngine_PostsTheTaskHubsRunsAfterItsTimerThenSleepsAnotherWeek()
    {
        await using var app = new FunctionsApp(new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = _discord.BotToken,
            ["Discord:ApiBaseUrl"] = _discord.ApiBaseUrl,
            ["Discord:ReportChannelId"] = ReportChannel,
        });
        DurableEngine? running = null;
        await using DurableEngine engine = running = await Engine.StartAsync(EngineKind.InMemory, azurite, tasks => tasks.AddFunctionsApp(app.Services, () => running!.Client));
        var workflows = new DurableWorkflowClient(engine.Client, new WorkflowRegistry().AddAutoIntel().AddQualityReport());
        await workflows.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(RepoPaths.Sample("article.html"), Depth.Quick), "weekly-seed");
        OrchestrationMetadata seed = await engine.WaitForEndAsync("weekly-seed", Engine.RunTimeout);

        // The first post is due a moment from now (the durable timer fires on the engine's clock), covering the week before.
        DateTime due = DateTime.UtcNow.AddSeconds(2);
        await workflows.StartAsync(QualityNames.WeeklyReport, new WeeklyReportInput(due), QualityNames.WeeklyReportInstanceId);
        FakeDiscordMessage posted = await PostedAsync();
        string nextWeek = due.AddDays(7).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        OrchestrationMetadata schedule = await engine.WaitForContinuedAsNewAsync(QualityNames.WeeklyReportInstanceId, nextWeek[..19], Engine.RunTimeout);
        await app.WeeklyReportScheduleAsync(engine.Client);
        OrchestrationMetadata afterTimer = (await engine.Client.GetInstanceAsync(QualityNames.WeeklyReportInstanceId, getInputsAndOutputs: true))!;

        seed.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, seed.FailureDetails?.ErrorMessage);
        posted.ChannelId.Should().Be(ReportChannel);
        posted.Payload["content"]!.GetValue<string>().Should().Contain("Runs: 1 (1 completed, 0 failed, 0 unfinished)", "the report lists the task hub's runs, not the schedule itself");
        schedule.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running, "the schedule continues as new and sleeps another week");
        schedule.SerializedInput.Should().Contain(nextWeek[..19], "the next post is due a week after this one");
        afterTimer.SerializedInput.Should().Be(schedule.SerializedInput, "the hourly timer finds the schedule running and starts no second one");
        await engine.Client.TerminateInstanceAsync(QualityNames.WeeklyReportInstanceId);
    }

    [Fact]
    public async Task WeeklyReportSchedule_Timer_StartsTheScheduleWithAReportChannelAndNothingWithout()
    {
        await using var withChannel = new FunctionsApp(new Dictionary<string, string?> { ["Discord:ReportChannelId"] = ReportChannel });
        await using var without = new FunctionsApp(new Dictionary<string, string?>());
        DurableEngine? running = null;
        await using DurableEngine engine = running = await Engine.StartAsync(EngineKind.InMemory, azurite, tasks => tasks.AddFunctionsApp(withChannel.Services, () => running!.Client));

        await without.WeeklyReportScheduleAsync(engine.Client);
        OrchestrationMetadata? none = await engine.Client.GetInstanceAsync(QualityNames.WeeklyReportInstanceId);
        await withChannel.WeeklyReportScheduleAsync(engine.Client);
        OrchestrationMetadata started = (await engine.Client.GetInstanceAsync(QualityNames.WeeklyReportInstanceId, getInputsAndOutputs: true))!;

        none.Should().BeNull("no report channel, no schedule");
        started.Should().NotBeNull();
        started.SerializedInput.Should().Contain(WeeklyReportWorkflow.FirstPostAfter(DateTime.UtcNow).ToString("yyyy-MM-ddTHH", System.Globalization.CultureInfo.InvariantCulture), "the first post is next Monday 09:00 UTC");
        await engine.Client.TerminateInstanceAsync(QualityNames.WeeklyReportInstanceId);
    }

    private async Task<FakeDiscordMessage> PostedAsync()
    {
        using var limit = new CancellationTokenSource(Engine.RunTimeout);
        while (!_discord.Messages.Any(m => m.ChannelId == ReportChannel))
        {
            await Task.Delay(50, limit.Token);
        }

        return _discord.Messages.First(m => m.ChannelId == ReportChannel);
    }
}
