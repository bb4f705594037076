using System.CommandLine;
using AutoIntel.Cli.Hosting;
using AutoIntel.Memory;
using AutoIntel.Memory.Upkeep;
using AutoIntel.Workflows.AutoIntel.Quality;
using AutoIntel.Workflows.AutoIntel.Upkeep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel serve [--urls …]</c>: hosts the Discord interactions endpoint, run status, health and metrics, and runs the workflows in-process.</summary>
public static class ServeCommand
{
    /// <summary>The address used when <c>--urls</c> is not given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:7071";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Listen addresses, separated by ';' (port 0 picks a free port).", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "Host the Discord interactions endpoint (POST /api/interactions), /api/runs/{id}, /health and /metrics; run workflows in this process.")
        {
            urls,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(urls) ?? DefaultUrls, parse.GetValue(CommonOptions.DataDir), ct));
        return command;
    }

    /// <summary>Serves until Ctrl+C (or SIGTERM); unfinished runs stay in history and resume on the next start.</summary>
    public static async Task<int> RunAsync(string urls, string? dataDir, CancellationToken cancellationToken)
    {
        await using var app = AutoIntelApp.CreateServer(new AppSettings(DataDirectory.Resolve(dataDir)), urls);
        var server = app.Server!;
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"error: cannot listen on {urls}: {e.Message}");
            return ExitCodes.BadInput;
        }

        Console.WriteLine($"Listening on {string.Join(", ", server.Urls)} (POST /api/interactions, GET /api/runs/{{id}}, /health, /metrics). Ctrl+C stops.");

        // Runs that a crash or an earlier stop interrupted continue here, from their history.
        var resumed = await app.Runtime.ResumeAllAsync(cancellationToken);
        if (resumed.Count > 0)
        {
            Console.WriteLine($"Resumed {resumed.Count} unfinished run(s): {string.Join(", ", resumed)}");
        }

        // The weekly report is an eternal workflow on a durable timer; a fixed instance id makes this a no-op once it runs.
        if (!string.IsNullOrWhiteSpace(app.Configuration["Discord:ReportChannelId"]))
        {
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var weekly = await WeeklyReportWorkflow.EnsureStartedAsync(app.Runtime, now, cancellationToken);
            Console.WriteLine(weekly.Created ? "Weekly report scheduled (Discord__ReportChannelId)." : "Weekly report schedule is running.");
        }

        // Memory upkeep (retention, compaction) is one too, every Memory__UpkeepInterval: a pass missed while serve was down runs on start.
        var upkeep = await MemoryUpkeepWorkflow.EnsureStartedAsync(
            app.Runtime,
            app.Services.GetRequiredService<MemoryUpkeep>(),
            app.Services.GetRequiredService<IOptions<MemoryOptions>>().Value,
            app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            cancellationToken);
        if (upkeep is { Created: true })
        {
            Console.WriteLine("Memory upkeep scheduled (Memory__UpkeepInterval).");
        }

        // Both the command line (SIGINT, SIGTERM) and the web host's own lifetime may see the signal first.
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => stopping.TrySetResult()))
        using (server.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
        {
            await stopping.Task;
        }

        Console.WriteLine("Stopping. Unfinished runs resume on the next start, or with: autointel resume --all");
        await server.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
