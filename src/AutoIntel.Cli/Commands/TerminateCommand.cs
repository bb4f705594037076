using System.CommandLine;
using AutoIntel.Cli.Hosting;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel terminate &lt;id&gt;</c> and <c>autointel purge &lt;id&gt;</c>: stop a run, or delete a finished run's history and artifacts.</summary>
public static class TerminateCommand
{
    /// <summary>Builds <c>terminate</c>.</summary>
    public static Command CreateTerminate()
    {
        var id = CommonOptions.InstanceId("Instance id.");
        var reason = new Option<string>("--reason") { Description = "Why (kept in the status).", DefaultValueFactory = _ => "terminated from the CLI" };
        var command = new Command("terminate", "Stop an unfinished run; it ends as Terminated.") { id, reason };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
            var instanceId = parse.GetRequiredValue(id);
            if (await app.Runtime.GetStatusAsync(instanceId, ct) is null)
            {
                await Console.Error.WriteLineAsync($"error: no instance '{instanceId}'.");
                return ExitCodes.BadInput;
            }

            await app.Runtime.TerminateAsync(instanceId, parse.GetRequiredValue(reason), ct);
            var status = await app.Runtime.GetStatusAsync(instanceId, ct);
            Console.WriteLine($"{instanceId} {status!.RuntimeStatus}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Builds <c>purge</c>.</summary>
    public static Command CreatePurge()
    {
        var id = CommonOptions.InstanceId("Instance id of a finished run.");
        var command = new Command("purge", "Delete a finished run's history and artifacts (memory keeps what it learned).") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
            var instanceId = parse.GetRequiredValue(id);
            try
            {
                if (!await app.Runtime.PurgeAsync(instanceId, ct))
                {
                    await Console.Error.WriteLineAsync($"error: no instance '{instanceId}'.");
                    return ExitCodes.BadInput;
                }
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            var artifacts = await app.Artifacts.DeletePrefixAsync(Workflows.AutoIntel.RunPaths.Root(instanceId), ct);
            Console.WriteLine($"Purged {instanceId} (history and {artifacts} artifacts).");
            return ExitCodes.Success;
        });
        return command;
    }
}
