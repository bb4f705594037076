using System.Text.Json.Nodes;
using AutoIntel.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord.Commands;

/// <summary>Registers AutoIntel's slash commands with Discord by bulk overwrite (global, or one guild for instant testing).</summary>
public sealed class CommandRegistrar(DiscordRestClient client, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> log)
{
    /// <summary>Overwrites the global commands, or a guild's when <paramref name="guildId"/> is set; returns the registered names.</summary>
    public async Task<IReadOnlyList<string>> RegisterAsync(string? guildId, CancellationToken cancellationToken = default)
    {
        string applicationId = options.Value.ApplicationId is { Length: > 0 } id
            ? id
            : throw new InvalidOperationException("Set Discord__ApplicationId (Developer Portal → General Information → Application ID).");
        if (!options.Value.HasBotToken)
        {
            throw new InvalidOperationException("Set Discord__BotToken (Developer Portal → Bot → Reset Token) to register commands.");
        }

        JsonArray registered = await client.BulkOverwriteCommandsAsync(applicationId, guildId, CommandDefinitions.Build(), cancellationToken);
        string[] names = [.. registered.Select(c => c?["name"]?.GetValue<string>() ?? "?")];
        log.LogInformation("Registered {Count} commands ({Scope})", names.Length, guildId is null ? "global" : $"guild {guildId}");
        return names;
    }
}
