using System.Text.Json;
using AutoIntel.TestKit;

namespace AutoIntel.IntegrationTests;

public sealed class BenchCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task BenchPipeline_Json_ReportsBothRunsAndCriticalPath()
    {
        var cli = new CliRunner(_data.Path);

        var result = await cli.RunAsync("bench", "pipeline", "--depth", "quick", "--minutes", "3", "--time-scale", "0.02", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        root.GetProperty("parallelMs").GetDouble().Should().BePositive();
        root.GetProperty("sequentialMs").GetDouble().Should().BePositive();
        root.GetProperty("criticalPathMs").GetDouble().Should().BePositive();
        root.GetProperty("speedup").GetDouble().Should().BePositive();
        root.GetProperty("activities").GetInt32().Should().BeGreaterThan(5);
    }
}
