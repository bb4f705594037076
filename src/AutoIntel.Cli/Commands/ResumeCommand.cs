using System.CommandLine;
using AutoIntel.Cli.Hosting;
using AutoIntel.Cli.Output;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Quality;
using AutoIntel.Workflows.AutoIntel.Upkeep;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel resume [&lt;id&gt;|--all]</c>: continues runs that stopped (crash, Ctrl+C) from their history.</summary>
public static class ResumeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var id = CommonOptions.OptionalInstanceId("Instance id to resume.");
        var all = new Option<bool>("--all") { Description = "Resume every unfinished instance." };
        var json = CommonOptions.Json();
        var command = new Command("resume", "Continue unfinished runs; completed activities are not executed again.") { id, all, json };
        command.SetAction(async (parse, ct) =>
        {
            var one = parse.GetValue(id);
            if (one is null == !parse.GetValue(all))
            {
                await Console.Error.WriteLineAsync("error: give an instance id or --all (not both).");
                return ExitCodes.BadInput;
            }

            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
            IReadOnlyList<string> ids = one is null ? await app.Runtime.ResumeAllAsync(ct) : await ResumeOneAsync(app, one, ct);
            if (one is not null && ids.Count == 0)
            {
                var status = await app.Runtime.GetStatusAsync(one, ct);
                var briefing = status is null ? null : (await RunFacts.ReadAsync(app, status, ct)).Briefing;
                await Console.Error.WriteLineAsync(status is null
                    ? $"error: no instance '{one}'."
                    : $"{one} is already {status.RuntimeStatus.ToString().ToLowerInvariant()}; nothing to resume." + (briefing is null ? string.Empty : $" Briefing: {briefing}"));
                return status is null ? ExitCodes.BadInput : Exit(status);
            }

            var worst = ExitCodes.Success;
            // The weekly report's and memory upkeep's schedules never finish: they belong to `serve`, so --all does not wait on them.
            foreach (var instanceId in ids.Where(i => one is not null || i is not (QualityNames.WeeklyReportInstanceId or UpkeepNames.MemoryUpkeepInstanceId)))
            {
                Console.Error.WriteLine($"Resuming {instanceId}");
                var final = await AnalyzeCommand.FollowAsync(app, instanceId, parse.GetValue(json), ct);
                var briefing = (await RunFacts.ReadAsync(app, final, ct)).Briefing;
                Console.WriteLine($"{instanceId} {final.RuntimeStatus}" + (final.Failure is { } f ? $": {f.Message}" : string.Empty) + (briefing is null ? string.Empty : $" · briefing {briefing}"));
                worst = Math.Max(worst, Exit(final));
            }

            if (ids.Count == 0)
            {
                Console.WriteLine("Nothing to resume.");
            }

            return worst;
        });
        return command;
    }

    private static async Task<IReadOnlyList<string>> ResumeOneAsync(AutoIntelApp app, string id, CancellationToken ct) =>
        await app.Runtime.ResumeAsync(id, ct) ? [id] : [];

    private static int Exit(InstanceStatus status) => status.RuntimeStatus switch
    {
        RuntimeStatus.Completed => ExitCodes.Success,
        _ when status.Failure?.IsPermanent == true => ExitCodes.BadInput,
        _ => ExitCodes.RunFailed,
    };
}
