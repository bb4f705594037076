using System.CommandLine;
using System.Text.Json;
using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Serialization;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel doctor</c>: checks each dependency of this configuration (the same checks as serve's /health).</summary>
public static class DoctorCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("doctor", "Check storage, memory, the LLM endpoint and Discord settings of this configuration; exits 3 when one is unhealthy.") { json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(CommonOptions.DataDir), parse.GetValue(json), Console.Out, ct));
        return command;
    }

    /// <summary>Runs the checks and prints one line per dependency (or JSON).</summary>
    public static async Task<int> RunAsync(string? dataDir, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        HealthSummary summary;
        try
        {
            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(dataDir)));
            summary = AutoIntelHealth.Summarize(await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken));
        }
        catch (OptionsValidationException e)
        {
            // A setting so wrong that the services cannot be built is the first thing to fix.
            summary = new HealthSummary("unhealthy", [new DependencyHealth("configuration", "unhealthy", e.Message, 0)]);
        }

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(summary, AutoIntelJson.Indented));
        }
        else
        {
            foreach (DependencyHealth check in summary.Checks)
            {
                await output.WriteLineAsync($"{check.Name,-14} {check.Status,-10} {check.Reason}");
            }

            await output.WriteLineAsync($"overall: {summary.Status}");
        }

        return summary.Healthy ? ExitCodes.Success : ExitCodes.Unhealthy;
    }
}
