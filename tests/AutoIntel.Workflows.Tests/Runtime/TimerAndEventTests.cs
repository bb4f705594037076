using System.Text.Json;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class TimerAndEventTests
{
    [Fact]
    public async Task Timer_ClockAdvancedToFireTime_ResumesWithTimerTimeAsNow()
    {
        var time = new SignalingTimeProvider();
        var start = time.GetUtcNow().UtcDateTime;
        await using var harness = new RuntimeHarness(time: time);
        var runtime = harness.Create(Registry());

        var id = (await runtime.StartAsync("Sleep", 60)).InstanceId;
        var due = await time.FireNextTimerAsync();
        var status = await runtime.WaitForCompletionAsync(id, CancellationToken.None).Within();

        due.Should().Be(TimeSpan.FromMinutes(60));
        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        status.Output!.Value.GetDateTime().Should().Be(start.AddMinutes(60));
    }

    [Fact]
    public async Task Timer_FireTimeInThePast_FiresAtOnce()
    {
        await using var harness = new RuntimeHarness();

        var status = await RuntimeHarness.RunAsync(harness.Create(Registry()), "Sleep", -5);

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
    }

    [Fact]
    public async Task Timer_RuntimeRestartedWhileWaiting_FiresAfterResume()
    {
        var time = new SignalingTimeProvider();
        var start = time.GetUtcNow().UtcDateTime;
        await using var harness = new RuntimeHarness(time: time);
        var first = harness.Create(Registry());
        var id = (await first.StartAsync("Sleep", 60)).InstanceId;
        await time.NextTimerAsync();
        await first.DisposeAsync();
        time.Advance(TimeSpan.FromMinutes(20));

        var second = harness.Create(Registry());
        await second.ResumeAsync(id, CancellationToken.None);
        var remaining = await time.FireNextTimerAsync();
        var status = await second.WaitForCompletionAsync(id, CancellationToken.None).Within();

        remaining.Should().Be(TimeSpan.FromMinutes(40));
        status.Output!.Value.GetDateTime().Should().Be(start.AddMinutes(60));
    }

    [Fact]
    public async Task ExternalEvent_Raised_IsReturnedToTheWaitingCode()
    {
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(Registry());
        var id = (await runtime.StartAsync("Approve", null)).InstanceId;

        await runtime.RaiseEventAsync(id, "approval", "granted");
        var status = await runtime.WaitForCompletionAsync(id, CancellationToken.None).Within();

        status.Output!.Value.GetString().Should().Be("granted");
    }

    [Fact]
    public async Task ExternalEvent_NotRaisedBeforeTimeout_ThrowsTimeoutInTheCode()
    {
        var time = new SignalingTimeProvider();
        await using var harness = new RuntimeHarness(time: time);
        var runtime = harness.Create(Registry());
        var id = (await runtime.StartAsync("Approve", null)).InstanceId;

        var due = await time.FireNextTimerAsync();
        var status = await runtime.WaitForCompletionAsync(id, CancellationToken.None).Within();

        due.Should().Be(TimeSpan.FromMinutes(5));
        status.Output!.Value.GetString().Should().Be("timed out");
    }

    [Fact]
    public async Task ExternalEvent_RaisedWhileRuntimeDown_IsDeliveredOnResume()
    {
        var store = new RecordingHistoryStore(new InMemoryHistoryStore());
        await using var harness = new RuntimeHarness(store);
        var first = harness.Create(Registry());
        var id = (await first.StartAsync("Approve", null)).InstanceId;
        await first.DisposeAsync();
        var offline = harness.Create(Registry());
        await offline.RaiseEventAsync(id, "approval", "later");

        var resumed = await offline.ResumeAsync(id, CancellationToken.None);
        var status = await offline.WaitForCompletionAsync(id, CancellationToken.None).Within();

        resumed.Should().BeTrue();
        status.Output!.Value.GetString().Should().Be("later");
    }

    private static WorkflowRegistry Registry() => new WorkflowRegistry()
        .AddWorkflow<int, DateTime>("Sleep", async (ctx, minutes) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(minutes));
            return ctx.CurrentUtcDateTime;
        })
        .AddWorkflow<JsonElement?, string>("Approve", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("approval", TimeSpan.FromMinutes(5));
            }
            catch (TimeoutException)
            {
                return "timed out";
            }
        });
}
