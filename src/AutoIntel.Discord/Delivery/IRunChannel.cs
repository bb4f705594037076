using AutoIntel.Discord.Rest;

namespace AutoIntel.Discord.Delivery;

/// <summary>Where a run's messages are posted and edited: as the bot in the channel, or through a webhook.</summary>
internal interface IRunChannel
{
    /// <summary>Whether a post repeated after an earlier attempt whose answer was lost finds that attempt's message (exactly once) instead of posting again.</summary>
    bool FindsEarlierAttempts { get; }

    /// <summary>Whether messages may carry buttons: Discord accepts interactive components only from the bot or an application-owned webhook.</summary>
    bool CarriesComponents { get; }

    /// <summary>Posts a message; <paramref name="earlierAttempt"/> is when a previous attempt of the same key started, if one did.</summary>
    Task<DiscordMessage> PostAsync(MessageKey key, MessagePayload payload, IReadOnlyList<FileUpload>? files, DateTimeOffset? earlierAttempt, CancellationToken cancellationToken);

    /// <summary>Replaces the content of a message this channel posted.</summary>
    Task EditAsync(string messageId, MessagePayload payload, CancellationToken cancellationToken);
}
