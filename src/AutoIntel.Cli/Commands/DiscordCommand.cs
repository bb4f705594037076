using System.CommandLine;
using AutoIntel.Cli.Hosting;
using AutoIntel.Discord.Commands;
using AutoIntel.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel discord register [--guild ID]</c>: registers the slash commands with Discord (bulk overwrite).</summary>
public static class DiscordCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var guild = new Option<string?>("--guild") { Description = "Register in this server only (appears at once); without it, globally (can take up to an hour)." };
        var register = new Command("register", "Register /autointel and /autointel-status with Discord (needs Discord__ApplicationId and Discord__BotToken).") { guild };
        register.SetAction((parse, ct) => RegisterAsync(parse.GetValue(guild), parse.GetValue(CommonOptions.DataDir), ct));
        return new Command("discord", "Discord application setup.") { register };
    }

    /// <summary>Registers the commands and prints their names; returns the exit code.</summary>
    public static async Task<int> RegisterAsync(string? guildId, string? dataDir, CancellationToken cancellationToken)
    {
        if (guildId is not null && (guildId.Length is 0 or > 20 || !guildId.All(char.IsAsciiDigit)))
        {
            await Console.Error.WriteLineAsync($"error: --guild '{guildId}' is not a server id (digits only: right-click the server → Copy Server ID).");
            return ExitCodes.BadInput;
        }

        await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(dataDir)));
        try
        {
            var names = await app.Services.GetRequiredService<CommandRegistrar>().RegisterAsync(guildId, cancellationToken);
            Console.WriteLine($"Registered {string.Join(", ", names.Select(n => "/" + n))} {(guildId is null ? "globally" : $"in server {guildId}")}.");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is DiscordApiException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.RunFailed;
        }
    }
}
