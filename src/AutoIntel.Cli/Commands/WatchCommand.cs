using System.CommandLine;
using System.Text.Json;
using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Ingestion.Watches;
using AutoIntel.Workflows.AutoIntel.Watch;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel watch add|list|remove</c>: feeds whose new episodes are briefed as they appear, run by <c>autointel serve</c>.</summary>
/// <remarks>
/// These commands only read and write the watch store in the data folder, so they work while <c>serve</c> runs on it: serve's
/// <see cref="Serve.WatchSupervisor"/> starts added watches and stops removed ones within seconds.
/// </remarks>
public static class WatchCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create() =>
        new("watch", "Watch podcast feeds and video channels: each new episode or video is briefed once, by `autointel serve` on this data folder.") { Add(), List(), Remove() };

    private static Command Add()
    {
        var url = new Argument<string>("url") { Description = "The feed (RSS or Atom; podcast or video) or video channel/playlist (YouTube, Twitch, Vimeo) to watch." };
        var every = new Option<string>("--every") { Description = "How often to poll: 30s, 5m, 1h, 1d (default 1h; 30s to 7d).", DefaultValueFactory = _ => WatchIntervals.Format(WatchIntervals.Default) };
        every.Validators.Add(r =>
        {
            if (!WatchIntervals.TryParse(r.GetValueOrDefault<string>(), out _, out string? problem))
            {
                r.AddError($"--every: {problem}");
            }
        });
        var depth = new Option<Depth>("--depth") { Description = "quick | standard | deep | experimental", DefaultValueFactory = _ => Depth.Standard };
        var command = new Command("add", "Watch a feed or video channel: its newest item is briefed at the first poll, then each new one.") { url, every, depth };
        command.SetAction(async (parse, ct) =>
        {
            if (!WatchIntervals.TryParse(parse.GetValue(every), out TimeSpan interval, out string? badInterval))
            {
                // The validator has refused it already; this only satisfies the compiler's flow analysis.
                await Console.Error.WriteLineAsync($"error: --every: {badInterval}");
                return ExitCodes.BadInput;
            }

            await using var app = Open(parse);
            try
            {
                WatchRecord record = await app.Services.GetRequiredService<WatchStore>()
                    .AddAsync(MemoryCommand.LocalTenant, parse.GetRequiredValue(url), parse.GetValue(depth), interval, Environment.UserName, cancellationToken: ct);
                Console.WriteLine($"Added watch {record.Id}: {record.Url} every {WatchIntervals.Format(record.Every)}, depth {record.Depth.ToString().ToLowerInvariant()}.");
                Console.WriteLine("`autointel serve` on this data folder runs it (within seconds if it is running now); briefings show in `autointel list`.");
                return ExitCodes.Success;
            }
            catch (WatchProblemException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "Every watch in the data folder, with its state, next poll and runs started.") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = Open(parse);
            var views = new List<WatchView>();
            foreach (WatchRecord record in await app.Services.GetRequiredService<WatchStore>().ListAsync(null, ct))
            {
                views.Add(WatchView.Of(record, await app.Runtime.GetStatusAsync(WatchIds.InstanceFor(record.Id), ct)));
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(views, AutoIntelJson.Indented));
            }
            else if (views.Count == 0)
            {
                Console.WriteLine("No watches. Add one with: autointel watch add <feed or channel url> [--every 1h] [--depth standard]");
            }
            else
            {
                foreach (WatchView view in views)
                {
                    Console.WriteLine($"{view.Tenant,-20} {view.Describe().Replace("`", string.Empty, StringComparison.Ordinal)}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "The watch id (from `autointel watch list`)." };
        id.Validators.Add(r =>
        {
            if (!WatchIds.IsValid(r.GetValueOrDefault<string>()))
            {
                r.AddError($"'{r.GetValueOrDefault<string>()}' is not a watch id (8 hex digits, as `autointel watch list` shows).");
            }
        });
        var command = new Command("remove", "Stop a watch (runs it started finish).") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = Open(parse);
            if (await app.Services.GetRequiredService<WatchStore>().RemoveAsync(null, parse.GetRequiredValue(id), ct) is not { } removed)
            {
                await Console.Error.WriteLineAsync($"error: no watch '{parse.GetRequiredValue(id)}'.");
                return ExitCodes.BadInput;
            }

            string instance = WatchIds.InstanceFor(removed.Id);
            string how = "it was not started yet";
            if (await app.Runtime.GetStatusAsync(instance, ct) is { IsTerminal: false })
            {
                try
                {
                    await app.Runtime.TerminateAsync(instance, "watch removed", ct);
                    how = "its orchestration is terminated";
                }
                catch (InstanceLockedException)
                {
                    how = "the serve process running it stops it within seconds";
                }
            }

            Console.WriteLine($"Removed watch {removed.Id} ({removed.Url}); {how}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static AutoIntelApp Open(ParseResult parse) =>
        AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
}
