using System.Text.Json.Nodes;
using AutoIntel.TestKit;

namespace AutoIntel.IntegrationTests;

public sealed class MemoryCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Memory_AfterTwoAnalysesOfOneTranscript_SearchStatsAndCompactAgree()
    {
        var cli = new CliRunner(_data.Path);
        (await cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--instance", "mem-1", "--depth", "quick", "--json")).ExitCode.Should().Be(0);
        (await cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--instance", "mem-2", "--depth", "quick", "--json")).ExitCode.Should().Be(0);

        CliResult stats = await cli.RunAsync("memory", "stats", "--json");
        CliResult search = await cli.RunAsync("memory", "search", "are heat pumps a genuine climate solution", "--limit", "3", "--json");
        CliResult compact = await cli.RunAsync("memory", "compact", "--json");
        CliResult after = await cli.RunAsync("memory", "stats", "--json");

        stats.ExitCode.Should().Be(0, stats.ToString());
        long passages = JsonNode.Parse(stats.Stdout)!["passages"]!.GetValue<long>();
        JsonNode.Parse(stats.Stdout)!["runs"]!.GetValue<long>().Should().Be(2);
        search.ExitCode.Should().Be(0, search.ToString());
        JsonNode passage = JsonNode.Parse(search.Stdout)!["passages"]![0]!;
        passage["speaker"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        passage["source"]!.GetValue<string>().Should().EndWith("podcast-transcript.srt");
        compact.ExitCode.Should().Be(0, compact.ToString());
        int removed = JsonNode.Parse(compact.Stdout)!["tenants"]![0]!["duplicatesRemoved"]!.GetValue<int>();
        removed.Should().Be((int)(passages / 2), "the second run stored the same passages again");
        JsonNode.Parse(after.Stdout)!["passages"]!.GetValue<long>().Should().Be(passages - removed);
    }

    [Fact]
    public async Task MemorySearch_OtherGuild_FindsNothing()
    {
        var cli = new CliRunner(_data.Path);
        (await cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--instance", "mem-3", "--depth", "quick", "--json")).ExitCode.Should().Be(0);

        CliResult search = await cli.RunAsync("memory", "search", "heat pumps", "--guild", "2000000000000000002");

        search.ExitCode.Should().Be(0, search.ToString());
        search.Stdout.Trim().Should().Be("Nothing in memory matches that yet.");
    }

    [Theory]
    [InlineData("search", "")]
    [InlineData("search", "x", "--limit", "0")]
    [InlineData("stats", "--guild", "")]
    public async Task Memory_BadInput_ExitsTwoWithOneLine(params string[] args)
    {
        CliResult result = await new CliRunner(_data.Path).RunAsync(["memory", .. args]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().StartWith("error:");
    }
}
