using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Runs;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Quality;

namespace AutoIntel.Cli.Tests.Quality;

/// <summary>The eternal weekly-report workflow on the local runtime, on a fake clock, posting to the fake Discord API.</summary>
public sealed class WeeklyReportTests : IDisposable
{
    private const string ReportChannel = "3000000000000000033";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task WeeklyReport_TimerFires_PostsTheWeeksRunsThenSleepsAnotherWeek()
    {
        // 2026-01-01 is a Thursday: the first post is due Monday 2026-01-05 09:00 UTC.
        var time = new SignalingTimeProvider();
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync(time);
        await using var app = AutoIntelApp.Create(
            new AppSettings(_data.Path, new Dictionary<string, string?>
            {
                ["Discord:BotToken"] = discord.BotToken,
                ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
                ["Discord:ReportChannelId"] = ReportChannel,
            }),
            time);
        string sample = Path.Combine(_data.Path, "talk.txt");
        await File.WriteAllTextAsync(sample, "The city opened a new library in 2020. It has 40,000 books. Critics say it cost too much.");
        await RunAsync(app, sample, "seed-ok");
        await RunAsync(app, Path.Combine(_data.Path, "missing.txt"), "seed-failed");

        StartResult started = await WeeklyReportWorkflow.EnsureStartedAsync(app.Runtime, time.GetUtcNow().UtcDateTime);
        StartResult again = await WeeklyReportWorkflow.EnsureStartedAsync(app.Runtime, time.GetUtcNow().UtcDateTime);
        TimeSpan firstWait = await FireWeeklyTimerAsync(time);
        FakeDiscordMessage first = await PostedAsync(discord, 1);
        TimeSpan secondWait = await FireWeeklyTimerAsync(time);
        FakeDiscordMessage second = await PostedAsync(discord, 2);

        // The post is seen before the schedule continues as new: its next generation has started once its timer is armed.
        TimeSpan thirdWait = await WeeklyTimerAsync(time);

        started.Created.Should().BeTrue();
        again.Created.Should().BeFalse("a fixed instance id keeps one schedule");
        firstWait.Should().Be(new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc) - new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        secondWait.Should().Be(TimeSpan.FromDays(7));
        thirdWait.Should().Be(TimeSpan.FromDays(7));
        Text(first).Should().Contain("2025-12-29 09:00 → 2026-01-05 09:00").And.Contain("Runs: 2 (1 completed, 1 failed, 0 unfinished)");
        Text(second).Should().Contain("Runs: 0 (0 completed, 0 failed, 0 unfinished)");
        first.ChannelId.Should().Be(ReportChannel);
        first.AuthorId.Should().Be(discord.BotUserId);
        InstanceStatus schedule = (await app.Runtime.GetStatusAsync(QualityNames.WeeklyReportInstanceId))!;
        schedule.IsTerminal.Should().BeFalse("the schedule is eternal");
        schedule.Generation.Should().Be(2);
    }

    private static async Task RunAsync(AutoIntelApp app, string source, string id)
    {
        await app.Runtime.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(source, Depth.Quick), id);
        await app.Runtime.WaitForCompletionAsync(id, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
    }

    private static async Task<TimeSpan> FireWeeklyTimerAsync(SignalingTimeProvider time)
    {
        TimeSpan due = await WeeklyTimerAsync(time);
        time.Advance(due);
        return due;
    }

    // Other clocks (HTTP timeouts) also create timers; the weekly one is the only one days away.
    private static async Task<TimeSpan> WeeklyTimerAsync(SignalingTimeProvider time)
    {
        while (true)
        {
            TimeSpan due = await time.NextTimerAsync();
            if (due >= TimeSpan.FromDays(1))
            {
                return due;
            }
        }
    }

    private static async Task<FakeDiscordMessage> PostedAsync(FakeDiscordServer discord, int count)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (discord.Messages.Count(m => m.ChannelId == ReportChannel) < count)
        {
            await Task.Delay(50, limit.Token);
        }

        return discord.Messages.Where(m => m.ChannelId == ReportChannel).ElementAt(count - 1);
    }

    private static string Text(FakeDiscordMessage message) => message.Payload["content"]!.GetValue<string>();
}
