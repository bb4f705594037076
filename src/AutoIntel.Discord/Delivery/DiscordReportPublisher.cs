using AutoIntel.Discord.Rest;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord.Delivery;

/// <summary>Posts reports as the bot in <see cref="DiscordOptions.ReportChannelId"/>, split at Discord's content limit.</summary>
/// <remarks>Each part carries a nonce from the report's key with <c>enforce_nonce</c>, so a retried activity gets the posted message back instead of a second one.</remarks>
public sealed class DiscordReportPublisher(DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<DiscordReportPublisher> log) : IReportPublisher
{
    /// <inheritdoc/>
    public async Task<bool> PublishAsync(string key, string text, CancellationToken cancellationToken = default)
    {
        DiscordOptions o = options.Value;
        if (string.IsNullOrWhiteSpace(o.ReportChannelId) || !o.HasBotToken)
        {
            log.LogInformation("No report channel (Discord__ReportChannelId and Discord__BotToken): report {Key} not posted", key);
            return false;
        }

        IReadOnlyList<string> parts = TextSplitter.Split(text, EmbedLimits.Content);
        for (int i = 0; i < parts.Count; i++)
        {
            // Nonces are at most 25 characters.
            string nonce = $"{key}-{i}";
            await rest.CreateMessageAsync(o.ReportChannelId, new MessagePayload(parts[i]), null, nonce.Length <= 25 ? nonce : nonce[^25..], cancellationToken);
        }

        return true;
    }
}
