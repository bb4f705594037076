namespace AutoIntel.Discord.Interactions;

/// <summary>The guild member who invoked a command.</summary>
public sealed record GuildMember(DiscordUser? User);
