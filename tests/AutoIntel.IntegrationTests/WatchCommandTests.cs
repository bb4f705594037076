using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel.Watch;

namespace AutoIntel.IntegrationTests;

/// <summary><c>autointel watch add|list|remove</c> from separate processes while <c>autointel serve</c> runs on the same data folder.</summary>
public sealed partial class WatchCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();
    private FakePodcastFeed _feed = null!;

    public async Task InitializeAsync() => _feed = await FakePodcastFeed.StartAsync(episodes: 2);

    public async Task DisposeAsync() => await _feed.DisposeAsync();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Watch_AddListRemoveWhileServeRuns_ServeRunsTheWatchAndStopsItOnRemove()
    {
        var cli = new CliRunner(_data.Path);
        cli.Environment["Fetch__AllowedHosts__0"] = "127.0.0.1";
        await using ServeProcess serve = await ServeProcess.StartAsync(cli);

        CliResult added = await cli.RunAsync("watch", "add", _feed.FeedUrl, "--every", "30s", "--depth", "quick");
        string id = AddedId().Match(added.Stdout).Groups[1].Value;
        JsonNode run = await serve.WaitForRunAsync(WatchIds.RunFor(id, "ep2"));
        CliResult watches = await cli.RunAsync("watch", "list", "--json");
        CliResult runs = await cli.RunAsync("list", "--json");
        CliResult removed = await cli.RunAsync("watch", "remove", id);
        JsonNode watch = await serve.WaitForRunAsync(WatchIds.InstanceFor(id));
        CliResult afterRemove = await cli.RunAsync("watch", "list");

        added.ExitCode.Should().Be(0, added.ToString());
        run["runtimeStatus"]!.GetValue<string>().Should().Be("completed", serve.Output);
        watches.ExitCode.Should().Be(0, watches.ToString());
        JsonNode listed = JsonNode.Parse(watches.Stdout)!.AsArray().Should().ContainSingle().Subject!;
        listed["id"]!.GetValue<string>().Should().Be(id);
        listed["url"]!.GetValue<string>().Should().Be(_feed.FeedUrl);
        listed["every"]!.GetValue<string>().Should().Be("30s");
        listed["runsStarted"]!.GetValue<int>().Should().Be(1);
        JsonNode episode = JsonNode.Parse(runs.Stdout)!.AsArray().Single(r => r!["instanceId"]!.GetValue<string>() == WatchIds.RunFor(id, "ep2"))!;
        episode["title"]!.GetValue<string>().Should().Be("Episode 2: part 2");
        episode["watch"]!.GetValue<string>().Should().Be(id);
        removed.ExitCode.Should().Be(0, removed.ToString());
        removed.Stdout.Should().Contain($"Removed watch {id}");
        watch["runtimeStatus"]!.GetValue<string>().Should().Be("terminated", "serve stops a watch removed by another process");
        afterRemove.Stdout.Should().StartWith("No watches.");
        _feed.Hits("/ep1.vtt").Should().Be(0);
        _feed.Hits("/ep2.vtt").Should().Be(1);
    }

    [Theory]
    [InlineData("--every", "5x", "'5x' is not a duration")]
    [InlineData("--every", "10s", "out of range")]
    [InlineData("--depth", "bottomless", "bottomless")]
    public async Task WatchAdd_BadOption_ExitTwoWithOneLineError(string option, string value, string reason)
    {
        var cli = new CliRunner(_data.Path);

        CliResult result = await cli.RunAsync("watch", "add", _feed.FeedUrl, option, value);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).First().Should().StartWith("error: ").And.Contain(reason);
        (await cli.RunAsync("watch", "list")).Stdout.Should().StartWith("No watches.");
    }

    [Fact]
    public async Task WatchRemove_UnknownOrMalformedId_ExitTwo()
    {
        var cli = new CliRunner(_data.Path);

        CliResult unknown = await cli.RunAsync("watch", "remove", "0123abcd");
        CliResult malformed = await cli.RunAsync("watch", "remove", "../etc");

        unknown.ExitCode.Should().Be(2);
        unknown.Stderr.Should().Contain("no watch '0123abcd'");
        malformed.ExitCode.Should().Be(2);
        malformed.Stderr.Should().Contain("is not a watch id");
    }

    [GeneratedRegex("Added watch ([0-9a-f]{8}):")]
    private static partial Regex AddedId();
}
