using AutoIntel.Cli.Commands;
using AutoIntel.Cli.Hosting;
using AutoIntel.Cli.Tests.Hosting;
using AutoIntel.Core.Runs;
using AutoIntel.Memory;
using AutoIntel.Memory.Recall;
using AutoIntel.Memory.Upkeep;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Upkeep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIntel.Cli.Tests.Memory;

/// <summary>Memory upkeep as the eternal workflow <c>serve</c> starts, on the local runtime and a fake clock.</summary>
public sealed class MemoryUpkeepScheduleTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(12);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Schedule_PassesOnItsDurableTimer_ApplyRetentionAndKeepOneExecutionPerPass()
    {
        var time = new SignalingTimeProvider();
        await using var app = App(time, new() { ["Memory:RetentionDays"] = "1", ["Memory:UpkeepInterval"] = "12:00:00" });
        string talk = Path.Combine(_data.Path, "talk.txt");
        await File.WriteAllTextAsync(talk, "The city opened a new library in 2020. It has 40,000 books. Critics say it cost too much to build.");
        await app.Runtime.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(talk, Depth.Quick), "remembered");
        await app.Runtime.WaitForCompletionAsync("remembered", CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        MemoryStats before = await Stats(app);

        StartResult? started = await EnsureStartedAsync(app, time);
        StartResult? again = await EnsureStartedAsync(app, time);
        TimeSpan firstWait = await EternalSchedules.FireTimerAsync(time, TimeSpan.FromHours(1));
        await EternalSchedules.GenerationAsync(app, UpkeepNames.MemoryUpkeepInstanceId, 1);
        MemoryStats afterHalfADay = await Stats(app);
        TimeSpan secondWait = await EternalSchedules.FireTimerAsync(time, TimeSpan.FromHours(1));
        await EternalSchedules.GenerationAsync(app, UpkeepNames.MemoryUpkeepInstanceId, 2);
        await EternalSchedules.FireTimerAsync(time, TimeSpan.FromHours(1));
        InstanceStatus schedule = await EternalSchedules.GenerationAsync(app, UpkeepNames.MemoryUpkeepInstanceId, 3);
        MemoryStats afterTwoDays = await Stats(app);

        started.Should().NotBeNull();
        started!.Created.Should().BeTrue();
        again!.Created.Should().BeFalse("a fixed instance id keeps one schedule");
        (firstWait, secondWait).Should().Be((Interval, Interval), "each pass is one Memory:UpkeepInterval after the last");
        before.Passages.Should().BeGreaterThan(0);
        afterHalfADay.Passages.Should().Be(before.Passages, "nothing is past one day's retention yet");
        afterTwoDays.Passages.Should().Be(0, "the third pass, 36 hours on, drops what is past retention");
        afterTwoDays.Runs.Should().Be(0);
        schedule.IsTerminal.Should().BeFalse("the schedule is eternal");
    }

    [Fact]
    public async Task EnsureStarted_IntervalZero_StartsNothing()
    {
        var time = new SignalingTimeProvider();
        await using var app = App(time, new() { ["Memory:UpkeepInterval"] = "0" });

        StartResult? started = await EnsureStartedAsync(app, time);

        started.Should().BeNull();
        (await app.Runtime.GetStatusAsync(UpkeepNames.MemoryUpkeepInstanceId)).Should().BeNull();
    }

    private AutoIntelApp App(TimeProvider time, Dictionary<string, string?> settings) => AutoIntelApp.Create(new AppSettings(_data.Path, settings), time);

    private static Task<StartResult?> EnsureStartedAsync(AutoIntelApp app, TimeProvider time) => MemoryUpkeepWorkflow.EnsureStartedAsync(
        app.Runtime,
        app.Services.GetRequiredService<MemoryUpkeep>(),
        app.Services.GetRequiredService<IOptions<MemoryOptions>>().Value,
        time.GetUtcNow().UtcDateTime);

    private static Task<MemoryStats> Stats(AutoIntelApp app) => app.Services.GetRequiredService<IMemoryRecall>().StatsAsync(MemoryCommand.LocalTenant, CancellationToken.None);
}
