namespace AutoIntel.Discord.Interactions;

/// <summary>An interaction as Discord posts it to the endpoint (the fields AutoIntel reads).</summary>
/// <param name="Token">Continuation token, valid 15 minutes; a secret: never log it.</param>
/// <param name="Member">Set in guilds (with the user inside).</param>
/// <param name="User">Set in DMs.</param>
public sealed record Interaction(
    string? Id,
    string? ApplicationId,
    InteractionType Type,
    InteractionData? Data,
    string? GuildId,
    string? ChannelId,
    GuildMember? Member,
    DiscordUser? User,
    string? Token)
{
    /// <summary>The invoking user's id, from the member in guilds or the user in DMs.</summary>
    public string? InvokerId => Member?.User?.Id ?? User?.Id;

    /// <summary>Overridden so a logged or printed record never shows the token.</summary>
    public override string ToString() => $"Interaction {{ Id = {Id}, Type = {Type}, Command = {Data?.Name}, GuildId = {GuildId}, ChannelId = {ChannelId} }}";
}
