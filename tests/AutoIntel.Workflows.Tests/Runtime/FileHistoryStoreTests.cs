using System.Text;
using System.Text.Json;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class FileHistoryStoreTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Read_TornLastLine_IsIgnoredAndNextAppendStartsOnFreshLine()
    {
        var store = NewStore();
        await using (var log = await store.OpenAsync("torn", CancellationToken.None))
        {
            await log.AppendAsync([new ExecutionStarted(T0, "Flow", null), new TaskScheduled(T0, 0, "A", null)], false, CancellationToken.None);
        }

        await File.AppendAllTextAsync(store.PathOf("torn"), "{\"type\":\"taskCompleted\",\"timesta");

        var read = await store.ReadAsync("torn", CancellationToken.None);
        await using (var log = await store.OpenAsync("torn", CancellationToken.None))
        {
            log.Events.Should().HaveCount(2);
            await log.AppendAsync([new TaskCompleted(T0, 0, JsonSerializer.SerializeToElement(42))], false, CancellationToken.None);
        }

        var after = await store.ReadAsync("torn", CancellationToken.None);
        read.Should().HaveCount(2);
        after.Select(e => e.GetType().Name).Should().Equal(nameof(ExecutionStarted), nameof(TaskScheduled), nameof(TaskCompleted));
        (await File.ReadAllLinesAsync(store.PathOf("torn"))).Should().HaveCount(3);
    }

    [Fact]
    public async Task Read_CorruptMiddleLine_ThrowsInvalidData()
    {
        var store = NewStore();
        await File.WriteAllTextAsync(store.PathOf("bad"), "not json\n{\"type\":\"timerFired\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"taskId\":1}\n", Encoding.UTF8);

        var act = () => store.ReadAsync("bad", CancellationToken.None);

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*instance bad is corrupt at line 1*");
    }

    [Fact]
    public async Task Open_InstanceHeldByAnotherRunner_FailsClearlyButReadsStillWork()
    {
        var owner = NewStore();
        var other = NewStore();
        await using var log = await owner.OpenAsync("busy", CancellationToken.None);
        await log.AppendAsync([new ExecutionStarted(T0, "Flow", null)], false, CancellationToken.None);

        var open = () => other.OpenAsync("busy", CancellationToken.None);
        var read = await other.ReadAsync("busy", CancellationToken.None);

        await open.Should().ThrowAsync<InstanceLockedException>().WithMessage("instance busy is being run by another process");
        read.Should().ContainSingle().Which.Should().BeOfType<ExecutionStarted>();
    }

    [Fact]
    public async Task IsHeld_WhileAnotherStoreHoldsTheLog_TrueThenFalseOnceReleased()
    {
        var owner = NewStore();
        var observer = NewStore();
        var log = await owner.OpenAsync("leased", CancellationToken.None);
        await log.AppendAsync([new ExecutionStarted(T0, "Flow", null)], false, CancellationToken.None);

        var whileHeld = await observer.IsHeldAsync("leased", CancellationToken.None);
        await log.DisposeAsync();
        var afterRelease = await observer.IsHeldAsync("leased", CancellationToken.None);

        whileHeld.Should().BeTrue();
        afterRelease.Should().BeFalse();
        (await observer.IsHeldAsync("never-started", CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task Open_RightAfterAStatusProbe_StillSucceeds()
    {
        var store = NewStore();
        await (await store.OpenAsync("probed", CancellationToken.None)).DisposeAsync();

        (await store.IsHeldAsync("probed", CancellationToken.None)).Should().BeFalse();
        await using var log = await store.OpenAsync("probed", CancellationToken.None);

        (await NewStore().IsHeldAsync("probed", CancellationToken.None)).Should().BeTrue();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("run\n")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    public async Task Read_InvalidInstanceId_ThrowsOneLineArgumentException(string id)
    {
        var act = () => NewStore().ReadAsync(id, CancellationToken.None);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("is not an instance id").And.NotContain("\n'");
    }

    [Fact]
    public async Task Read_IdOf5000Characters_ThrowsWithShortMessage()
    {
        var act = () => NewStore().ReadAsync(new string('x', 5000), CancellationToken.None);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Length.Should().BeLessThan(200);
    }

    [Fact]
    public async Task Resume_InstanceRunByAnotherRuntime_ThrowsLockedAndStatusStillReads()
    {
        var registry = new WorkflowRegistry().AddWorkflow<JsonElement?, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));
        await using var first = new RuntimeHarness(NewStore());
        await using var second = new RuntimeHarness(NewStore());
        var running = first.Create(registry);
        await running.StartAsync("Waits", null, "shared");
        var intruder = second.Create(registry);

        var resume = () => intruder.ResumeAsync("shared", CancellationToken.None);
        var status = await intruder.GetStatusAsync("shared");

        await resume.Should().ThrowAsync<InstanceLockedException>().WithMessage("instance shared is being run by another process");
        status!.RuntimeStatus.Should().Be(RuntimeStatus.Running);
    }

    [Fact]
    public async Task Runtime_TornTailAfterCrash_ResumesAndCompletes()
    {
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Inc", (_, _, x) => Task.FromResult(x + 1))
            .AddWorkflow<int, int>("Flow", async (ctx, x) =>
            {
                var y = await ctx.CallActivityAsync<int>("Inc", x);
                ctx.SetCustomStatus("waiting");
                return y + await ctx.WaitForExternalEvent<int>("add");
            });
        var store = NewStore();
        var recording = new RecordingHistoryStore(store);
        await using var harness = new RuntimeHarness(recording);
        var first = harness.Create(registry);
        await first.StartAsync("Flow", 1, "crashy");
        await recording.WhenAppendedAsync(e => e is CustomStatusSet);
        await first.DisposeAsync();
        await File.AppendAllTextAsync(store.PathOf("crashy"), "{\"type\":\"eventRai");

        var second = harness.Create(registry);
        await second.ResumeAsync("crashy", CancellationToken.None);
        await second.RaiseEventAsync("crashy", "add", 10);
        var status = await second.WaitForCompletionAsync("crashy", CancellationToken.None).Within();

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        status.Output!.Value.GetInt32().Should().Be(12);
    }

    public void Dispose() => _dir.Dispose();

    private FileHistoryStore NewStore() => new(new FileHistoryStoreOptions { RootPath = _dir.Path });
}
