using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json.Nodes;
using AutoIntel.Cli.Tests.Serve;
using AutoIntel.Core.Telemetry;
using AutoIntel.TestKit;

namespace AutoIntel.Cli.Tests.Infra;

/// <summary>infra/grafana/autointel.json reads only series that serve's /metrics exports, and shows every AutoIntel metric.</summary>
public sealed class GrafanaDashboardTests : IAsyncLifetime
{
    private ServeHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServeHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void PromQl_MetricNames_SkipsFunctionsLabelsAndRanges()
    {
        PromQl.MetricNames("histogram_quantile(0.95, sum by (le, stage) (rate(autointel_stage_duration_seconds_bucket{stage=\"a\"}[1h]))) / scalar(sum(x_total))")
            .Should().Equal("autointel_stage_duration_seconds_bucket", "x_total");
    }

    [Fact]
    public async Task Dashboard_EveryQuery_NamesASeriesThatMetricsExports()
    {
        await RecordEveryInstrumentAndServeRequestsAsync();
        HashSet<string> exported = await ScrapeSeriesNamesAsync();
        JsonNode dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root(), "infra", "grafana", "autointel.json")))!;

        var queries = dashboard["panels"]!.AsArray()
            .SelectMany(p => p!["targets"]!.AsArray().Select(t => (Panel: p["title"]!.GetValue<string>(), Expr: t!["expr"]!.GetValue<string>())))
            .ToList();
        var read = queries.SelectMany(q => PromQl.MetricNames(q.Expr).Select(name => (q.Panel, Name: name))).ToList();

        queries.Should().HaveCountGreaterThan(10);
        read.Where(r => !exported.Contains(r.Name)).Should().BeEmpty("every series a panel reads must be one /metrics exports");
        var families = exported.Where(n => n.StartsWith("autointel_", StringComparison.Ordinal)).Select(Family).ToHashSet();
        families.Except(read.Select(r => Family(r.Name))).Should().BeEmpty("every AutoIntel metric has a panel");
    }

    // One measurement on every instrument of RunMetrics, so each shows up in the scrape (Prometheus lists only what was recorded).
    private async Task RecordEveryInstrumentAndServeRequestsAsync()
    {
        foreach (PropertyInfo property in typeof(RunMetrics).GetProperties(BindingFlags.Public | BindingFlags.Static))
        {
            switch (property.GetValue(null))
            {
                case Histogram<double> histogram:
                    histogram.Record(1);
                    break;
                case Counter<long> counter:
                    counter.Add(1);
                    break;
                case Counter<double> counter:
                    counter.Add(1);
                    break;
                default:
                    throw new InvalidOperationException($"RunMetrics.{property.Name} is an instrument kind this test does not record yet.");
            }
        }

        await _server.Http.GetStringAsync("/health");
    }

    private async Task<HashSet<string>> ScrapeSeriesNamesAsync()
    {
        string text = await _server.Http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string Family(string series)
    {
        foreach (string suffix in new[] { "_bucket", "_count", "_sum" })
        {
            if (series.EndsWith(suffix, StringComparison.Ordinal))
            {
                return series[..^suffix.Length];
            }
        }

        return series;
    }
}
