using System.Text.Json;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Ingestion.Watches;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;
using AutoIntel.Workflows.AutoIntel.Watch;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Workflows.Tests.AutoIntel.Watch;

/// <summary>
/// The watch orchestration on the local runtime with the real /autointel workflow, against a loopback podcast feed whose
/// episodes change between polls. The runtime's clock is a <see cref="FakeTimeProvider"/>: a poll happens when the test moves it.
/// </summary>
public sealed class WatchWorkflowTests
{
    private static readonly TimeSpan Every = WatchScenario.Every;

    [Fact]
    public async Task Watch_NewEpisodesBetweenPolls_EachAnalysedOnceAndHistoryStaysOnePoll()
    {
        await using var scenario = await WatchScenario.StartAsync();

        (WatchRecord record, LocalWorkflowRuntime runtime, string id, _) = await scenario.StartWatchAsync();
        scenario.Feed.Publish();
        scenario.Feed.Publish();
        await scenario.PollAgainAsync(runtime, id, generation: 1);
        await scenario.PollAgainAsync(runtime, id, generation: 2);

        // Act done: three polls. The first briefs only the newest episode (2), the second the two published since (3, 4).
        IReadOnlyList<InstanceStatus> runs = await WatchScenario.RunsAsync(runtime);
        runs.Select(r => r.InstanceId).Should().BeEquivalentTo(new[] { 2, 3, 4 }.Select(n => WatchIds.RunFor(record.Id, $"ep{n}")));
        runs.Should().OnlyContain(r => r.RuntimeStatus == RuntimeStatus.Completed && r.ParentInstanceId == id);
        runs.Select(r => WatchScenario.Request(r).Watch!.EpisodeTitle).Should().BeEquivalentTo("Episode 2: part 2", "Episode 3: part 3", "Episode 4: part 4");
        runs.Should().OnlyContain(r => WatchScenario.Request(r).Tenant == WatchScenario.Tenant && WatchScenario.Request(r).Depth == Depth.Quick);
        scenario.Feed.Hits("/ep1.vtt").Should().Be(0, "the first poll marks the back catalogue as seen");
        new[] { 2, 3, 4 }.Should().OnlyContain(n => scenario.Feed.Hits($"/ep{n}.vtt") == 1);
        scenario.Feed.Hits("/feed.xml").Should().Be(3 + 3, "three polls, and each of the three runs reads the feed to find its episode");
        WatchStatus status = WatchScenario.StatusOf(await runtime.GetStatusAsync(id));
        status.Should().BeEquivalentTo(new { State = "waiting", RunsStarted = 3, Seen = 4, Failures = 0 });
        (await scenario.Harness.History.ReadAsync(id, CancellationToken.None)).Count.Should().BeLessThan(20, "continue-as-new keeps only the current poll's history");
    }

    [Fact]
    public async Task Watch_PageOfVideosThroughYtDlp_EachNewVideoAnalysedOnceAcrossPolls()
    {
        await using var scenario = await WatchScenario.StartWithVideosAsync(v => v.ChannelUrl);
        FakeVideoSite site = scenario.Videos!;

        (WatchRecord record, LocalWorkflowRuntime runtime, string id) = await ThreePollsAsync(scenario, publishedAfterTheFirst: 1);

        // Three polls of the real yt-dlp listing: the newest video (2) first, then the one published since (3), then nothing.
        string KeyOf(int n) => $"html5:{site.Server.Url($"/media/v{n}.mp4").AbsoluteUri}";
        IReadOnlyList<InstanceStatus> runs = await WatchScenario.RunsAsync(runtime);
        runs.Select(r => r.InstanceId).Should().BeEquivalentTo(new[] { 2, 3 }.Select(n => WatchIds.RunFor(record.Id, KeyOf(n))));
        runs.Should().OnlyContain(r => r.RuntimeStatus == RuntimeStatus.Completed, "each run read its one video of the page");
        runs.Select(r => WatchScenario.Request(r).Source).Should().BeEquivalentTo(
            new[] { 2, 3 }.Select(n => $"{site.ChannelUrl}#{Uri.EscapeDataString(site.Server.Url($"/media/v{n}.mp4").AbsoluteUri)}"));
        runs.Select(r => WatchScenario.Request(r).Watch!.EpisodeTitle).Should().OnlyContain(t => t == "Harbour TV (1)", "yt-dlp names a page's videos by position, and each was the newest when listed");
        site.Hits("/media/v1.en.vtt").Should().Be(0, "the first poll marks the videos already there as seen");
        site.Hits("/media/v2.en.vtt").Should().Be(1);
        site.Hits("/media/v3.en.vtt").Should().Be(1);
        new[] { 1, 2, 3 }.Should().OnlyContain(n => site.Hits($"/media/v{n}.mp4") == 0, "captions come first: no video is downloaded");
        WatchScenario.StatusOf(await runtime.GetStatusAsync(id)).Should().BeEquivalentTo(new { State = "waiting", RunsStarted = 2, Seen = 3, Failures = 0 });
    }

    [Fact]
    public async Task Watch_AtomFeedOfVideoPages_EachNewVideoAnalysedOnceTitledByItsEntry()
    {
        await using var scenario = await WatchScenario.StartWithVideosAsync(v => v.FeedUrl);
        FakeVideoSite site = scenario.Videos!;

        (WatchRecord record, LocalWorkflowRuntime runtime, string id) = await ThreePollsAsync(scenario, publishedAfterTheFirst: 2);

        IReadOnlyList<InstanceStatus> runs = await WatchScenario.RunsAsync(runtime);
        runs.Select(r => r.InstanceId).Should().BeEquivalentTo(new[] { 2, 3, 4 }.Select(n => WatchIds.RunFor(record.Id, $"yt:video:v{n}")));
        runs.Should().OnlyContain(r => r.RuntimeStatus == RuntimeStatus.Completed);
        runs.Select(r => WatchScenario.Request(r).Source).Should().BeEquivalentTo(new[] { 2, 3, 4 }.Select(n => site.Server.Url($"/watch/{n}").AbsoluteUri), "each run reads the video's own page");
        runs.Select(r => WatchScenario.Request(r).Watch!.EpisodeTitle).Should().BeEquivalentTo("Council session 2", "Council session 3", "Council session 4");
        site.Hits("/media/v1.en.vtt").Should().Be(0);
        new[] { 2, 3, 4 }.Should().OnlyContain(n => site.Hits($"/media/v{n}.en.vtt") == 1);
        WatchScenario.StatusOf(await runtime.GetStatusAsync(id)).Should().BeEquivalentTo(new { State = "waiting", RunsStarted = 3, Seen = 4, Failures = 0 });
    }

    [Fact]
    public async Task Watch_ProcessRestartsWhileWaiting_ResumesWithoutAnalysingAgain()
    {
        await using var scenario = await WatchScenario.StartAsync();
        (WatchRecord record, LocalWorkflowRuntime first, string id, _) = await scenario.StartWatchAsync();
        await first.DisposeAsync();

        LocalWorkflowRuntime second = scenario.Harness.CreateRuntime(time: scenario.Time);
        (await second.ResumeAllAsync(CancellationToken.None)).Should().Contain(id);
        scenario.Feed.Publish();
        await scenario.PollAgainAsync(second, id, generation: 1);

        (await WatchScenario.RunsAsync(second)).Select(r => r.InstanceId).Should().BeEquivalentTo(WatchIds.RunFor(record.Id, "ep2"), WatchIds.RunFor(record.Id, "ep3"));
        scenario.Feed.Hits("/ep2.vtt").Should().Be(1);
        scenario.Feed.Hits("/ep3.vtt").Should().Be(1);
    }

    [Fact]
    public async Task Watch_TwoPollsOfTheSameWatchOverlap_EachEpisodeRunsOnce()
    {
        await using var scenario = await WatchScenario.StartAsync();
        WatchRecord record = await scenario.AddAsync();
        LocalWorkflowRuntime runtime = scenario.Harness.CreateRuntime(time: scenario.Time);
        WatchInput input = WatchInputs.From(record);

        // The same watch polled twice at once (as a stale generation and a fresh one could): both take episode 2.
        await Task.WhenAll(
            runtime.StartAsync(WorkflowNames.Watch, input, WatchIds.InstanceFor(record.Id)),
            runtime.StartAsync(WorkflowNames.Watch, input, WatchIds.InstanceFor(record.Id) + "-twin"));
        await WatchScenario.WaitForPollAsync(runtime, WatchIds.InstanceFor(record.Id), generation: 0);
        await WatchScenario.WaitForPollAsync(runtime, WatchIds.InstanceFor(record.Id) + "-twin", generation: 0);

        (await WatchScenario.RunsAsync(runtime)).Should().ContainSingle().Which.InstanceId.Should().Be(WatchIds.RunFor(record.Id, "ep2"));
        scenario.Feed.Hits("/ep2.vtt").Should().Be(1);
    }

    [Fact]
    public async Task Watch_FeedFails_BacksOffExponentiallyTellsTheChannelOnceAndRecovers()
    {
        await using var scenario = await WatchScenario.StartAsync();
        scenario.Feed.FailWith = 404;

        (WatchRecord record, LocalWorkflowRuntime runtime, string id, WatchStatus first) = await scenario.StartWatchAsync(channel: ("1000000000000000001", "1300000000000000003", "1100000000000000002"));
        WatchStatus second = await scenario.PollAgainAsync(runtime, id, generation: 1);
        WatchStatus third = await scenario.PollAgainAsync(runtime, id, generation: 2);
        scenario.Feed.FailWith = null;
        WatchStatus recovered = await scenario.PollAgainAsync(runtime, id, generation: 3);

        new[] { first, second, third }.Select(s => s.NextPollUtc - s.LastPollUtc).Should().Equal(2 * Every, 4 * Every, 8 * Every);
        new[] { first, second, third }.Select(s => (s.State, s.Failures)).Should().Equal(("backing off", 1), ("backing off", 2), ("backing off", 3));
        third.LastError.Should().Contain("404").And.Contain(scenario.Feed.FeedUrl);
        recovered.Should().BeEquivalentTo(new { State = "waiting", Failures = 0, LastError = (string?)null, RunsStarted = 1 });
        (recovered.NextPollUtc - recovered.LastPollUtc).Should().Be(Every);
        scenario.Delivery.Notices.Should().HaveCount(2);
        scenario.Delivery.Notices.First().Should().StartWith($"⚠️ Watch `{record.Id}` could not read {scenario.Feed.FeedUrl}").And.Contain("404");
        scenario.Delivery.Notices.Last().Should().StartWith($"✅ Watch `{record.Id}`");
        scenario.Delivery.Delivered!.Title.Should().Be("Episode 2: part 2 — Energy Hour", "runs a watch starts are delivered to the channel that added it");
    }

    [Fact]
    public async Task Watch_RecordRemoved_EndsAtItsNextPoll()
    {
        await using var scenario = await WatchScenario.StartAsync();
        (WatchRecord record, LocalWorkflowRuntime runtime, string id, _) = await scenario.StartWatchAsync();

        await scenario.Harness.Services.GetRequiredService<WatchStore>().RemoveAsync(WatchScenario.Tenant, record.Id);
        scenario.Feed.Publish();
        scenario.Time.Advance(Every);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        InstanceStatus ended = await WatchScenario.WaitAsync(runtime, id, s => s.IsTerminal, timeout.Token);

        ended.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        ended.Output!.Value.Deserialize<WatchOutcome>(AutoIntelJson.Options)!.Reason.Should().Be("removed");
        scenario.Feed.Hits("/ep3.vtt").Should().Be(0);
    }

    // A video watch: the first poll, then the site publishes, then two more polls (the second finds nothing new).
    private static async Task<(WatchRecord Record, LocalWorkflowRuntime Runtime, string Id)> ThreePollsAsync(WatchScenario scenario, int publishedAfterTheFirst)
    {
        (WatchRecord record, LocalWorkflowRuntime runtime, string id, _) = await scenario.StartWatchAsync();
        for (int i = 0; i < publishedAfterTheFirst; i++)
        {
            scenario.Videos!.PublishVideo();
        }

        await scenario.PollAgainAsync(runtime, id, generation: 1);
        await scenario.PollAgainAsync(runtime, id, generation: 2);
        return (record, runtime, id);
    }
}
