using System.CommandLine;
using System.Text.Json;
using AutoIntel.Cli.Hosting;
using AutoIntel.Cli.Output;
using AutoIntel.Core.Serialization;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel list</c>: every run in the data folder, newest first.</summary>
public static class ListCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List runs in the data folder, newest first.") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
            // Runs and the watches that start them; the weekly report and memory upkeep schedules are not runs.
            var all = (await app.Runtime.ListAsync(ct)).Where(s => s.WorkflowName is WorkflowNames.AutoIntel or WorkflowNames.Watch).OrderByDescending(s => s.CreatedAtUtc).ToList();
            var stopped = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in all.Where(s => !s.IsTerminal))
            {
                if (!await app.Runtime.IsBeingRunAsync(s.InstanceId, ct))
                {
                    stopped.Add(s.InstanceId);
                }
            }

            var facts = new Dictionary<string, RunFacts>(StringComparer.Ordinal);
            foreach (var s in all)
            {
                facts[s.InstanceId] = await RunFacts.ReadAsync(app, s, ct);
            }

            // A watch's runs are titled by their episode (the briefing's title adds the show's name).
            string? TitleOf(InstanceStatus s) => RunOrigin.Of(s).Title ?? facts[s.InstanceId].Title;

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(all.Select(s => new { s.InstanceId, Status = s.RuntimeStatus.ToString(), Stopped = stopped.Contains(s.InstanceId), s.CreatedAtUtc, s.LastUpdatedAtUtc, Stage = RunWatcher.ProgressOf(s)?.Stage, Title = TitleOf(s), facts[s.InstanceId].Source, facts[s.InstanceId].Briefing, RunOrigin.Of(s).Watch }), AutoIntelJson.Indented));
                return ExitCodes.Success;
            }

            foreach (var s in all)
            {
                var shown = stopped.Contains(s.InstanceId) ? "Stopped" : s.RuntimeStatus.ToString();
                var title = TitleOf(s);
                var what = (title is null ? string.Empty : $"\u201C{title}\u201D ") + (facts[s.InstanceId].Source ?? string.Empty) + (RunOrigin.Of(s).Watch is { } watch ? $" (watch {watch})" : string.Empty);
                Console.WriteLine($"{s.InstanceId,-36} {shown,-10} {s.CreatedAtUtc:u}  {RunWatcher.ProgressOf(s)?.Stage,-10} {what}".TrimEnd());
            }

            if (stopped.Count > 0)
            {
                Console.WriteLine($"Stopped: no process runs {stopped.Count} unfinished run(s); continue them with: autointel resume --all");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
