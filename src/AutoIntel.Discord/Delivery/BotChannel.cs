using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Discord.Delivery;

/// <summary>Posts as the bot with Create Message: exactly once, even when an attempt's answer is lost to a crash or a timeout.</summary>
/// <remarks>
/// Two documented mechanisms cover the two windows. Each message carries a nonce derived from its <see cref="MessageKey"/> with
/// <c>enforce_nonce</c>, so Discord itself returns the first message for a repeat within a few minutes. After a longer gap (a
/// restart the next morning) the nonce has expired, so a repeated key is first looked up among the bot's messages in the channel
/// since the earlier attempt began, by the key's marker line.
/// </remarks>
internal sealed class BotChannel(DiscordRestClient rest, string channelId, ILogger log) : IRunChannel
{
    /// <summary>How far our clock may run ahead of Discord's before the lookup would start too late.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Pages of 100 messages read per lookup; a channel busier than that since the attempt falls back on the nonce alone.</summary>
    public const int MaxLookupPages = 20;

    public bool FindsEarlierAttempts => true;

    public bool CarriesComponents => true;

    public async Task<DiscordMessage> PostAsync(MessageKey key, MessagePayload payload, IReadOnlyList<FileUpload>? files, DateTimeOffset? earlierAttempt, CancellationToken cancellationToken)
    {
        if (earlierAttempt is DateTimeOffset since && await FindAsync(key, since, cancellationToken) is DiscordMessage found)
        {
            log.LogInformation("Message {Key} was posted by an earlier attempt ({MessageId}); not posting it again", key, found.Id);
            return found;
        }

        return await rest.CreateMessageAsync(channelId, payload, files, key.Nonce, cancellationToken);
    }

    public Task EditAsync(string messageId, MessagePayload payload, CancellationToken cancellationToken) =>
        rest.EditChannelMessageAsync(channelId, messageId, payload, cancellationToken);

    private async Task<DiscordMessage?> FindAsync(MessageKey key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        DiscordUser bot = await rest.GetCurrentUserAsync(cancellationToken);
        string after = Snowflake.AtTime(since - ClockSkew);
        for (int page = 0; page < MaxLookupPages; page++)
        {
            IReadOnlyList<DiscordMessage> messages = await rest.GetChannelMessagesAsync(channelId, after, DiscordRestClient.MaxMessagesPerPage, cancellationToken);
            if (messages.FirstOrDefault(m => m.Author?.Id == bot.Id && key.IsMarkerOf(m.Content)) is DiscordMessage mine)
            {
                return mine;
            }

            if (messages.Count < DiscordRestClient.MaxMessagesPerPage)
            {
                return null;
            }

            after = messages.MaxBy(m => Snowflake.Parse(m.Id))!.Id;
        }

        log.LogWarning("More than {Count} messages in channel {ChannelId} since message {Key} was attempted; relying on the nonce alone", MaxLookupPages * DiscordRestClient.MaxMessagesPerPage, channelId, key);
        return null;
    }
}
