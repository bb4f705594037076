using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoIntel.Core.Telemetry;
using AutoIntel.TestKit;

namespace AutoIntel.Cli.Tests.Infra;

/// <summary>infra/ compiles with the Bicep CLI, and its alerts and workbook query only spans and metrics the app exports.</summary>
public sealed partial class AzureMonitoringTests
{
    private static readonly string Infra = Path.Combine(RepoPaths.Root(), "infra");

    [Fact]
    public async Task MainBicep_Build_CompilesWithoutWarningsAndHasTheAlertsAndWorkbook()
    {
        (int exit, string stdout, string stderr) = await BicepAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout");

        exit.Should().Be(0, stderr);
        stderr.Should().NotContain("Warning", "the templates lint clean");
        string template = stdout;
        template.Should().Contain("Microsoft.Insights/scheduledQueryRules").And.Contain("Microsoft.Insights/workbooks");
        JsonNode.Parse(template).Should().NotBeNull();
    }

    [Fact]
    public async Task AlertRules_EachOfTheFive_QueriesExportedTelemetry()
    {
        string bicep = await File.ReadAllTextAsync(Path.Combine(Infra, "app", "monitoring.bicep"));

        RuleNames().Matches(bicep).Select(m => m.Groups[1].Value).Should().BeEquivalentTo(
            "run-failure-rate", "run-duration-p95", "llm-daily-cost", "llm-cache-hit-rate", "degraded-section-rate");
        QueriedNames(bicep, "Name").Should().NotBeEmpty().And.OnlyContain(name => IsExported(name));
    }

    [Fact]
    public async Task Workbook_IsANotebookWhoseQueriesReadExportedTelemetry()
    {
        JsonNode workbook = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Infra, "app", "monitoring", "workbook.json")))!;

        workbook["version"]!.GetValue<string>().Should().Be("Notebook/1.0");
        var queries = workbook["items"]!.AsArray().Where(i => i!["type"]!.GetValue<int>() == 3).Select(i => i!["content"]!["query"]!.GetValue<string>()).ToList();
        queries.Should().HaveCountGreaterThan(5);
        queries.SelectMany(q => QueriedNames(q, "name")).Should().OnlyContain(name => IsExported(name));
    }

    // Spans: the run and its stages (queried by prefix); metrics: the instruments in MetricNames.
    private static bool IsExported(string name) =>
        name == "autointel.run" || name == "stage " || typeof(MetricNames).GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => (string)f.GetValue(null)! == name);

    private static IEnumerable<string> QueriedNames(string text, string column) =>
        Regex.Matches(text, column + "\\s*(?:==|startswith)\\s*\\\\?\"([^\"\\\\]+)\\\\?\"").Select(m => m.Groups[1].Value);

    private static async Task<(int Exit, string Stdout, string Stderr)> BicepAsync(params string[] arguments)
    {
        string bicep = typeof(AzureMonitoringTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex("name: '([a-z0-9-]+)'\\s*\\n\\s*displayName:")]
    private static partial Regex RuleNames();
}
