namespace AutoIntel.Discord.Rest;

/// <summary>Which mentions in a message may ping; AutoIntel always sends an empty parse list.</summary>
public sealed record AllowedMentions(IReadOnlyList<string> Parse)
{
    /// <summary>Nothing pings: analysed content can never notify @everyone, roles or users.</summary>
    public static AllowedMentions None { get; } = new([]);
}
