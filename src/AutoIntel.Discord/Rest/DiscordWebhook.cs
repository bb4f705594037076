namespace AutoIntel.Discord.Rest;

/// <summary>A webhook as Discord returns it; <paramref name="Token"/> is a secret.</summary>
/// <param name="Type">1 = incoming (usable for posting), 2 = channel follower, 3 = application.</param>
public sealed record DiscordWebhook(string Id, int Type, string? Name, string? ChannelId, string? Token, string? ApplicationId)
{
    /// <summary>Overridden so the token never reaches a log line.</summary>
    public override string ToString() => $"DiscordWebhook {{ Id = {Id}, Name = {Name}, ChannelId = {ChannelId} }}";
}
