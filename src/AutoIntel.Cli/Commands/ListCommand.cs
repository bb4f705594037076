using System.CommandLine;
using System.Text.Json;
using AutoIntel.Cli.Hosting;
using AutoIntel.Cli.Output;
using AutoIntel.Core.Serialization;

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
            var all = (await app.Runtime.ListAsync(ct)).OrderByDescending(s => s.CreatedAtUtc).ToList();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(all.Select(s => new { s.InstanceId, Status = s.RuntimeStatus.ToString(), s.CreatedAtUtc, s.LastUpdatedAtUtc, Stage = RunWatcher.ProgressOf(s)?.Stage }), AutoIntelJson.Indented));
                return ExitCodes.Success;
            }

            foreach (var s in all)
            {
                Console.WriteLine($"{s.InstanceId,-36} {s.RuntimeStatus,-10} {s.CreatedAtUtc:u}  {RunWatcher.ProgressOf(s)?.Stage}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
