using System.CommandLine;
using System.Text.Json;
using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Serialization;
using AutoIntel.Ingestion.Watches;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel report --since 7d</c>: runs, failures, degraded sections, cost, cache savings and quality scores over a window.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var since = new Option<string>("--since") { Description = "How far back: a number and a unit, e.g. 7d, 24h, 90m, 30s.", DefaultValueFactory = _ => "7d" };
        var json = CommonOptions.Json();
        var command = new Command("report", "Runs, failures, degraded sections, LLM cost, cache savings and per-analysis quality scores over a time window.") { since, json };
        command.SetAction(async (parse, ct) =>
        {
            if (ParseAge(parse.GetValue(since)) is not TimeSpan age)
            {
                await Console.Error.WriteLineAsync($"error: --since must be a positive number with a unit (s, m, h or d), like 7d; got '{parse.GetValue(since)}'");
                return ExitCodes.BadInput;
            }

            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
            var until = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var report = await app.Services.GetRequiredService<RunReportBuilder>().BuildAsync(until - age, until, ct);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report, AutoIntelJson.Indented) : report.ToText());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads <c>7d</c>, <c>24h</c>, <c>90m</c> or <c>30s</c> (the watch interval syntax); null for anything else or more than ten years.</summary>
    public static TimeSpan? ParseAge(string? text) =>
        WatchIntervals.TryParseDuration(text, out TimeSpan age) && age <= TimeSpan.FromDays(3660) ? age : null;
}
