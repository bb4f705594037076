namespace AutoIntel.Discord.Interactions;

/// <summary>A Discord user (the fields AutoIntel reads).</summary>
public sealed record DiscordUser(string Id, string? Username);
