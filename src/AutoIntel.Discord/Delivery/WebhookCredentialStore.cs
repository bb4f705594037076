using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Discord.Rest;
using AutoIntel.Storage;

namespace AutoIntel.Discord.Delivery;

/// <summary>Remembers webhook credentials in the artifact store: by webhook id, and which webhook serves a channel.</summary>
/// <remarks>Webhook tokens are secrets; they live only here, never in orchestration history or logs.</remarks>
public sealed class WebhookCredentialStore(IArtifactStore store)
{
    /// <summary>The webhook remembered for a channel, if any.</summary>
    public async Task<WebhookCredentials?> ForChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        string path = ChannelPath(channelId);
        return await store.ExistsAsync(path, cancellationToken)
            ? JsonSerializer.Deserialize<WebhookCredentials>(await store.GetAsync(path, cancellationToken), AutoIntelJson.Options)
            : null;
    }

    /// <summary>The credentials of a webhook by id, if remembered.</summary>
    public async Task<WebhookCredentials?> ByIdAsync(string webhookId, CancellationToken cancellationToken)
    {
        string path = WebhookPath(webhookId);
        return await store.ExistsAsync(path, cancellationToken)
            ? JsonSerializer.Deserialize<WebhookCredentials>(await store.GetAsync(path, cancellationToken), AutoIntelJson.Options)
            : null;
    }

    /// <summary>Remembers a webhook, and optionally that it serves a channel.</summary>
    public async Task SaveAsync(WebhookCredentials webhook, string? channelId, CancellationToken cancellationToken)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(webhook, AutoIntelJson.Options);
        await store.PutAsync(WebhookPath(webhook.Id), json, "application/json", cancellationToken);
        if (channelId is not null)
        {
            await store.PutAsync(ChannelPath(channelId), json, "application/json", cancellationToken);
        }
    }

    /// <summary>Forgets a channel's webhook (it was deleted in Discord), so the next run creates a new one.</summary>
    public Task ForgetChannelAsync(string channelId, CancellationToken cancellationToken) =>
        store.DeletePrefixAsync(ChannelPath(channelId), cancellationToken);

    private static string ChannelPath(string channelId) => $"discord/channels/{Safe(channelId)}.json";

    private static string WebhookPath(string webhookId) => $"discord/webhooks/{Safe(webhookId)}.json";

    private static string Safe(string id) => id.All(char.IsAsciiDigit) ? id : throw new ArgumentException("Discord ids are numeric snowflakes.", nameof(id));
}
