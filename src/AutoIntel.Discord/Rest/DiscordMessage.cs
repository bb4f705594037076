using AutoIntel.Discord.Interactions;

namespace AutoIntel.Discord.Rest;

/// <summary>A posted message, as Discord returns it (the fields AutoIntel reads).</summary>
public sealed record DiscordMessage(string Id, string? ChannelId, string? Content, DiscordUser? Author = null);
