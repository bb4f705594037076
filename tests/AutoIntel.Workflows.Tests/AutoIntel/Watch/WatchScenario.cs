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

/// <summary>A loopback podcast feed (and, for video watches, a loopback video site), the real services over a temp data folder, and a runtime clock the test moves.</summary>
internal sealed class WatchScenario : IAsyncDisposable
{
    public const string Tenant = "local";

    public static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    private readonly Func<WatchScenario, string> _url;

    private WatchScenario(FakePodcastFeed feed, FakeVideoSite? videos = null, Func<WatchScenario, string>? url = null)
    {
        Feed = feed;
        Videos = videos;
        _url = url ?? (s => s.Feed.FeedUrl);
        Harness = new AutoIntelHarness(
            services => services.AddSingleton<IRunDelivery>(Delivery),
            new Dictionary<string, string?> { ["Fetch:AllowedHosts:0"] = "127.0.0.1" });
    }

    public FakePodcastFeed Feed { get; }

    /// <summary>The loopback video site, when the scenario watches a video channel or feed.</summary>
    public FakeVideoSite? Videos { get; }

    /// <summary>The link the watch polls.</summary>
    public string WatchUrl => _url(this);

    public AutoIntelHarness Harness { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public RecordingDelivery Delivery { get; } = new();

    /// <summary>A feed with episodes 1 and 2.</summary>
    public static async Task<WatchScenario> StartAsync() => new(await FakePodcastFeed.StartAsync(episodes: 2));

    /// <summary>A video site with videos 1 and 2; the watch polls the link <paramref name="url"/> picks (its channel page or its Atom feed).</summary>
    public static async Task<WatchScenario> StartWithVideosAsync(Func<FakeVideoSite, string> url) =>
        new(await FakePodcastFeed.StartAsync(episodes: 2), await FakeVideoSite.StartAsync(), s => url(s.Videos!));

    public Task<WatchRecord> AddAsync((string, string, string?)? channel = null) =>
        Harness.Services.GetRequiredService<WatchStore>().AddAsync(Tenant, WatchUrl, Depth.Quick, Every, "tester", channel);

    /// <summary>Adds a watch of the feed, starts its orchestration on a new runtime, and waits for its first poll.</summary>
    public async Task<StartedWatch> StartWatchAsync((string, string, string?)? channel = null)
    {
        WatchRecord record = await AddAsync(channel);
        LocalWorkflowRuntime runtime = Harness.CreateRuntime(time: Time);
        string id = WatchIds.InstanceFor(record.Id);
        await runtime.StartAsync(WorkflowNames.Watch, WatchInputs.From(record), id);
        return new StartedWatch(record, runtime, id, await WaitForPollAsync(runtime, id, generation: 0));
    }

    /// <summary>Moves the clock to the armed timer, then waits for the next generation to finish its poll.</summary>
    public async Task<WatchStatus> PollAgainAsync(LocalWorkflowRuntime runtime, string id, int generation)
    {
        WatchStatus armed = StatusOf(await runtime.GetStatusAsync(id));
        Time.Advance(armed.NextPollUtc!.Value - Time.GetUtcNow().UtcDateTime);
        return await WaitForPollAsync(runtime, id, generation);
    }

    /// <summary>A poll is done when its generation has armed its timer (its runs have ended by then).</summary>
    public static async Task<WatchStatus> WaitForPollAsync(LocalWorkflowRuntime runtime, string id, int generation)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        InstanceStatus status = await WaitAsync(runtime, id, s => s.Generation == generation && StatusOf(s).NextPollUtc is not null, timeout.Token);
        return StatusOf(status);
    }

    public static async Task<InstanceStatus> WaitAsync(LocalWorkflowRuntime runtime, string id, Func<InstanceStatus, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await runtime.GetStatusAsync(id, cancellationToken) is { } status && done(status))
            {
                return status;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public static async Task<IReadOnlyList<InstanceStatus>> RunsAsync(LocalWorkflowRuntime runtime) =>
        [.. (await runtime.ListAsync(CancellationToken.None)).Where(s => s.WorkflowName == WorkflowNames.AutoIntel)];

    public static AnalyzeRequest Request(InstanceStatus run) => run.Input!.Value.Deserialize<AnalyzeRequest>(AutoIntelJson.Options)!;

    public static WatchStatus StatusOf(InstanceStatus? status) =>
        status?.CustomStatus?.Deserialize<WatchStatus>(AutoIntelJson.Options) ?? new WatchStatus("none", null, null, 0, null, 0, 0);

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Feed.DisposeAsync();
        if (Videos is not null)
        {
            await Videos.DisposeAsync();
        }
    }
}

/// <summary>A watch whose first poll is done.</summary>
internal sealed record StartedWatch(WatchRecord Record, LocalWorkflowRuntime Runtime, string Id, WatchStatus FirstPoll);
