using System.CommandLine;
using System.Text.Json;
using AutoIntel.Cli.Hosting;
using AutoIntel.Cli.Output;
using AutoIntel.Core.Serialization;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel status &lt;id&gt;</c>: the state of a run, its stage and every activity's attempts.</summary>
public static class StatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var id = CommonOptions.InstanceId("Instance id.");
        var json = CommonOptions.Json();
        var command = new Command("status", "Show a run's status, current stage and activity attempts.") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
            var status = await app.Runtime.GetStatusAsync(parse.GetRequiredValue(id), ct);
            if (status is null)
            {
                await Console.Error.WriteLineAsync($"error: no instance '{parse.GetRequiredValue(id)}' in {DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))}");
                return ExitCodes.BadInput;
            }

            // An unfinished run that no process holds stopped with its process (crash, kill -9, Ctrl+C): say so, not "Running".
            var stopped = !status.IsTerminal && !await app.Runtime.IsBeingRunAsync(status.InstanceId, ct);
            var facts = await RunFacts.ReadAsync(app, status, ct);
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(StatusDocument.From(status, stopped) with { Source = facts.Source, Title = facts.Title, Briefing = facts.Briefing }, AutoIntelJson.Indented)
                : Describe(status, stopped, facts));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The hint shown for a run whose process died.</summary>
    public static string StoppedHint(string instanceId) =>
        $"no process is running it (the one that ran it exited or was killed); continue it with: autointel resume {instanceId}";

    private static string Describe(InstanceStatus s, bool stopped, RunFacts facts)
    {
        var progress = RunWatcher.ProgressOf(s);
        var lines = new List<string>
        {
            $"{s.InstanceId}  {(stopped ? $"Stopped (was {s.RuntimeStatus})" : s.RuntimeStatus)}  ({s.WorkflowName})",
            $"created {s.CreatedAtUtc:u}  updated {s.LastUpdatedAtUtc:u}" + (s.CompletedAtUtc is { } c ? $"  completed {c:u}" : string.Empty),
        };
        if (facts.Source is { } source)
        {
            lines.Add(facts.Title is { } title ? $"source {source}  title \u201C{title}\u201D" : $"source {source}");
        }

        if (facts.Briefing is { } briefing)
        {
            lines.Add($"briefing {briefing}");
        }

        if (progress is not null)
        {
            lines.Add($"stage {progress.StageNumber}/{progress.StageCount}: {progress.Stage} — {progress.Detail}");
        }

        if (stopped)
        {
            lines.Add(StoppedHint(s.InstanceId));
        }

        if (s.Failure is { } f)
        {
            lines.Add($"error: {f.Message}");
        }

        lines.Add($"activities: {s.Activities.Count} ({s.Activities.Count(a => a.Status == ActivityRunState.Completed)} completed, {s.Activities.Count(a => a.Attempts > 1)} retried)");
        lines.AddRange(s.Activities.Select(a => $"  #{a.TaskId,-4} {a.Name,-22} {a.Status,-9} attempts {a.Attempts}" + (a.Error is null ? string.Empty : $"  {a.Error}")));
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>The JSON contract of <c>autointel status --json</c>.</summary>
/// <param name="Stopped">The run is unfinished and no process runs it: <c>autointel resume</c> continues it.</param>
public sealed record StatusDocument(
    string InstanceId,
    string Status,
    bool Stopped,
    string WorkflowName,
    JsonElement? CustomStatus,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    DateTime? CompletedAt,
    ErrorDocument? Error,
    IReadOnlyList<ActivityDocument> Activities)
{
    /// <summary>The link or file the run analysed.</summary>
    public string? Source { get; init; }

    /// <summary>The briefing's title, once the run completed.</summary>
    public string? Title { get; init; }

    /// <summary>Where the Markdown briefing is (an absolute path with the file store), once the run completed.</summary>
    public string? Briefing { get; init; }

    /// <summary>From a runtime status.</summary>
    public static StatusDocument From(InstanceStatus s, bool stopped = false) => new(
        s.InstanceId,
        s.RuntimeStatus.ToString(),
        stopped,
        s.WorkflowName,
        s.CustomStatus,
        s.CreatedAtUtc,
        s.LastUpdatedAtUtc,
        s.CompletedAtUtc,
        s.Failure is { } f ? new ErrorDocument(f.ErrorType, f.Message, f.IsPermanent) : null,
        [.. s.Activities.Select(a => new ActivityDocument(a.TaskId, a.Name, a.Status.ToString(), a.Attempts, a.Error))]);
}

/// <summary>One activity call in <see cref="StatusDocument"/>.</summary>
public sealed record ActivityDocument(int TaskId, string Name, string Status, int Attempts, string? Error);
