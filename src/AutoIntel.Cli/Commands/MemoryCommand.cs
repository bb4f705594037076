using System.CommandLine;
using System.Text.Json;
using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Serialization;
using AutoIntel.Memory.Recall;
using AutoIntel.Memory.Upkeep;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel memory search|stats|compact</c>: what the community memory of one guild holds, and its upkeep.</summary>
public static class MemoryCommand
{
    /// <summary>The tenant of runs started from the CLI (<c>autointel analyze</c>).</summary>
    public const string LocalTenant = "local";

    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var guild = new Option<string>("--guild")
        {
            Description = $"Whose memory: a Discord guild id, or '{LocalTenant}' for runs started from the CLI (default).",
            DefaultValueFactory = _ => LocalTenant,
            Recursive = true,
        };
        guild.Validators.Add(r =>
        {
            string? value = r.GetValueOrDefault<string?>();
            if (string.IsNullOrWhiteSpace(value) || value.Length > 100 || value.Any(char.IsControl))
            {
                r.AddError("--guild must be a guild id or 'local' (1–100 characters, no control characters).");
            }
        });

        return new Command("memory", "Search, count and compact the community memory.") { guild, Search(guild), Stats(guild), Compact(guild) };
    }

    private static Command Search(Option<string> guild)
    {
        var query = new Argument<string>("query") { Description = "What to look for (words, a claim, a name)." };
        query.Validators.Add(r =>
        {
            string? value = r.GetValueOrDefault<string?>();
            if (string.IsNullOrWhiteSpace(value) || value.Length > MemoryRecall.MaxQueryLength)
            {
                r.AddError($"The query must be 1–{MemoryRecall.MaxQueryLength} characters.");
            }
        });
        var limit = new Option<int>("--limit") { Description = $"Results of each kind (1–{MemoryRecall.MaxLimit}).", DefaultValueFactory = _ => 5 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > MemoryRecall.MaxLimit)
            {
                r.AddError($"--limit must be between 1 and {MemoryRecall.MaxLimit}.");
            }
        });
        var json = CommonOptions.Json();
        var command = new Command("search", "Passages (with source, speaker and briefing), remembered claims with verdicts, and who said what.") { query, limit, json };
        command.SetAction((parse, ct) => WithAppAsync(parse, async app =>
        {
            RecallResult result = await app.Services.GetRequiredService<IMemoryRecall>().SearchAsync(parse.GetRequiredValue(guild), parse.GetRequiredValue(query), parse.GetValue(limit), ct);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(result, AutoIntelJson.Indented) : RecallText.Describe(result, BriefingOf));
        }));
        return command;
    }

    private static Command Stats(Option<string> guild)
    {
        var json = CommonOptions.Json();
        var command = new Command("stats", "How many runs, passages, claims and entities a guild's memory holds.") { json };
        command.SetAction((parse, ct) => WithAppAsync(parse, async app =>
        {
            MemoryStats s = await app.Services.GetRequiredService<IMemoryRecall>().StatsAsync(parse.GetRequiredValue(guild), ct);
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(s, AutoIntelJson.Indented)
                : $"{s.Tenant}: {s.Runs} run(s), {s.Passages} passage(s), {s.Claims} claim(s) ({s.DecidedClaims} decided), {s.Entities} entities, {s.Links} links; " +
                  $"retention {(s.RetentionDays == 0 ? "forever" : $"{s.RetentionDays} days")}; collection {s.Collection}");
        }));
        return command;
    }

    private static Command Compact(Option<string> guild)
    {
        var all = new Option<bool>("--all-guilds") { Description = "Compact every guild's memory, not only --guild." };
        var json = CommonOptions.Json();
        var command = new Command("compact", "Drop records past each guild's retention, then near-duplicate passages (the older copy is kept).") { all, json };
        command.SetAction((parse, ct) => WithAppAsync(parse, async app =>
        {
            string? tenant = parse.GetValue(all) ? null : parse.GetRequiredValue(guild);
            UpkeepReport report = await app.Services.GetRequiredService<MemoryUpkeep>().RunAsync(tenant, ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, AutoIntelJson.Indented));
                return;
            }

            if (report.Skipped is not null)
            {
                Console.WriteLine($"Skipped: {report.Skipped}");
                return;
            }

            foreach (TenantUpkeep t in report.Tenants)
            {
                Console.WriteLine($"{t.Tenant}: {t.PassagesBefore} passage(s); removed {t.ExpiredRemoved} expired record(s) ({t.RunsForgotten} run(s) forgotten) and {t.DuplicatesRemoved} near-duplicate passage(s); {t.Compared} comparisons");
            }

            Console.WriteLine($"Done in {report.Elapsed.TotalSeconds:0.00} s.");
        }));
        return command;
    }

    // The embedded vector store is held by one process at a time: with `serve` running on the same data folder, say so plainly.
    private static async Task<int> WithAppAsync(ParseResult parse, Func<AutoIntelApp, Task> action)
    {
        try
        {
            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
            await action(app);
            return ExitCodes.Success;
        }
        catch (IOException e) when (e.Message.Contains("already open", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"error: {e.Message} Another autointel process (serve?) holds this data folder's memory; run the command there, or stop it first.");
            return ExitCodes.BadInput;
        }
    }

    private static string BriefingOf(string runId) => RunPaths.BriefingMarkdown(runId);
}
