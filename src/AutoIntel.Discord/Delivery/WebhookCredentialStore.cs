using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Discord.Rest;
using AutoIntel.Storage;

namespace AutoIntel.Discord.Delivery;

/// <summary>Remembers webhook credentials in the artifact store by webhook id.</summary>
/// <remarks>Webhook tokens are secrets; they live only here, never in orchestration history or logs.</remarks>
public sealed class WebhookCredentialStore(IArtifactStore store)
{
    /// <summary>The credentials of a webhook by id, if remembered.</summary>
    public async Task<WebhookCredentials?> ByIdAsync(string webhookId, CancellationToken cancellationToken)
    {
        string path = WebhookPath(webhookId);
        return await store.ExistsAsync(path, cancellationToken)
            ? JsonSerializer.Deserialize<WebhookCredentials>(await store.GetAsync(path, cancellationToken), AutoIntelJson.Options)
            : null;
    }

    /// <summary>Remembers a webhook.</summary>
    public Task SaveAsync(WebhookCredentials webhook, CancellationToken cancellationToken) =>
        store.PutAsync(WebhookPath(webhook.Id), JsonSerializer.SerializeToUtf8Bytes(webhook, AutoIntelJson.Options), "application/json", cancellationToken);

    private static string WebhookPath(string webhookId) => $"discord/webhooks/{Safe(webhookId)}.json";

    private static string Safe(string id) => id.All(char.IsAsciiDigit) ? id : throw new ArgumentException("Discord ids are numeric snowflakes.", nameof(id));
}
