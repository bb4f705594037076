using AutoIntel.Discord.Rest;
using AutoIntel.Core;

namespace AutoIntel.Discord.Delivery;

/// <summary>Posts through a webhook URL: at least once.</summary>
/// <remarks>
/// Execute Webhook has no nonce, and a webhook URL alone cannot read the channel, so when Discord accepts a message but the answer
/// is lost (a crash, a timeout), the repeated post appears a second time. With a bot token, <see cref="BotChannel"/> posts instead.
/// </remarks>
internal sealed class WebhookChannel(DiscordRestClient rest, WebhookCredentials webhook) : IRunChannel
{
    public bool FindsEarlierAttempts => false;

    // Webhook URLs people paste are not owned by our application, and Discord refuses buttons on those.
    public bool CarriesComponents => false;

    public async Task<DiscordMessage> PostAsync(MessageKey key, MessagePayload payload, IReadOnlyList<FileUpload>? files, DateTimeOffset? earlierAttempt, CancellationToken cancellationToken)
    {
        try
        {
            return await rest.ExecuteWebhookAsync(webhook, payload, files, cancellationToken);
        }
        catch (DiscordApiException e) when (e.Code is DiscordErrorCodes.UnknownWebhook or DiscordErrorCodes.InvalidWebhookToken)
        {
            throw new PermanentFailureException("The webhook this run posts through was deleted or its token is invalid. The operator must set a working webhook URL, then run the command again.");
        }
    }

    public Task EditAsync(string messageId, MessagePayload payload, CancellationToken cancellationToken) =>
        rest.EditWebhookMessageAsync(webhook, messageId, payload, null, cancellationToken);
}
