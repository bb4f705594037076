using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Discord.Interactions;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord.Rest;

/// <summary>A typed client for the few Discord REST endpoints AutoIntel uses: channel messages, webhook messages, interaction replies, commands.</summary>
/// <remarks>Every message it sends carries <c>allowed_mentions: {parse: []}</c>; rate limits are handled by <see cref="DiscordRateLimitHandler"/>.</remarks>
public sealed class DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options)
{
    /// <summary>The longest nonce Discord accepts.</summary>
    public const int MaxNonceLength = 25;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly string _apiBase = options.Value.ApiBaseUrl.TrimEnd('/');

    /// <summary>The most messages one Get Channel Messages call returns.</summary>
    public const int MaxMessagesPerPage = 100;

    /// <summary>Posts a message in a channel as the bot (needs Send Messages, plus Embed Links / Attach Files for those).</summary>
    /// <remarks>
    /// With <paramref name="nonce"/> the message is sent with <c>enforce_nonce: true</c>: a repeat with the same nonce within a few
    /// minutes returns the message created first instead of posting it again.
    /// </remarks>
    public async Task<DiscordMessage> CreateMessageAsync(string channelId, MessagePayload payload, IReadOnlyList<FileUpload>? files = null, string? nonce = null, CancellationToken cancellationToken = default)
    {
        if (nonce is { Length: 0 or > MaxNonceLength })
        {
            throw new ArgumentException($"A message nonce is 1-{MaxNonceLength} characters.", nameof(nonce));
        }

        payload = nonce is null ? payload : payload with { Nonce = nonce, EnforceNonce = true };
        return await SendAsync<DiscordMessage>(HttpMethod.Post, $"channels/{Escape(channelId)}/messages", MessageBody(payload, files), bot: true, cancellationToken)
            ?? throw new InvalidOperationException("Discord returned no message.");
    }

    /// <summary>Edits a message the bot posted in a channel.</summary>
    public async Task<DiscordMessage> EditChannelMessageAsync(string channelId, string messageId, MessagePayload payload, CancellationToken cancellationToken = default) =>
        await SendAsync<DiscordMessage>(HttpMethod.Patch, $"channels/{Escape(channelId)}/messages/{Escape(messageId)}", MessageBody(payload, null), bot: true, cancellationToken)
        ?? throw new InvalidOperationException("Discord returned no message.");

    /// <summary>Up to <paramref name="limit"/> messages of a channel posted after the message (or snowflake) <paramref name="afterId"/> (needs Read Message History).</summary>
    public async Task<IReadOnlyList<DiscordMessage>> GetChannelMessagesAsync(string channelId, string afterId, int limit = MaxMessagesPerPage, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxMessagesPerPage);
        string query = $"after={Escape(afterId)}&limit={limit.ToString(CultureInfo.InvariantCulture)}";
        return await SendAsync<List<DiscordMessage>>(HttpMethod.Get, $"channels/{Escape(channelId)}/messages?{query}", null, bot: true, cancellationToken) ?? [];
    }

    /// <summary>The bot's own user.</summary>
    public async Task<DiscordUser> GetCurrentUserAsync(CancellationToken cancellationToken = default) =>
        await SendAsync<DiscordUser>(HttpMethod.Get, "users/@me", null, bot: true, cancellationToken)
        ?? throw new InvalidOperationException("Discord returned no user.");

    /// <summary>Posts a message through a webhook and waits for it (<c>?wait=true</c>) so its id is known.</summary>
    public async Task<DiscordMessage> ExecuteWebhookAsync(WebhookCredentials webhook, MessagePayload payload, IReadOnlyList<FileUpload>? files = null, CancellationToken cancellationToken = default) =>
        await SendAsync<DiscordMessage>(HttpMethod.Post, $"{WebhookPath(webhook)}?wait=true", MessageBody(payload, files), bot: false, cancellationToken)
        ?? throw new InvalidOperationException("Discord returned no message.");

    /// <summary>Edits a message previously sent by the webhook (or <c>@original</c> for an interaction reply).</summary>
    public async Task<DiscordMessage> EditWebhookMessageAsync(WebhookCredentials webhook, string messageId, MessagePayload payload, IReadOnlyList<FileUpload>? files = null, CancellationToken cancellationToken = default) =>
        await SendAsync<DiscordMessage>(HttpMethod.Patch, $"{WebhookPath(webhook)}/messages/{Escape(messageId)}", MessageBody(payload, files), bot: false, cancellationToken)
        ?? throw new InvalidOperationException("Discord returned no message.");

    /// <summary>Deletes a message previously sent by the webhook.</summary>
    public Task DeleteWebhookMessageAsync(WebhookCredentials webhook, string messageId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement?>(HttpMethod.Delete, $"{WebhookPath(webhook)}/messages/{Escape(messageId)}", null, bot: false, cancellationToken);

    /// <summary>Edits the (deferred) original interaction response; fails with code 50027 once the 15-minute token expired.</summary>
    public Task<DiscordMessage> EditOriginalInteractionResponseAsync(string applicationId, string interactionToken, MessagePayload payload, CancellationToken cancellationToken = default) =>
        EditWebhookMessageAsync(new WebhookCredentials(applicationId, interactionToken), "@original", payload, null, cancellationToken);

    /// <summary>Replaces all global commands, or a guild's commands when <paramref name="guildId"/> is set (bulk overwrite).</summary>
    public async Task<JsonArray> BulkOverwriteCommandsAsync(string applicationId, string? guildId, JsonArray commands, CancellationToken cancellationToken = default)
    {
        string path = guildId is null
            ? $"applications/{Escape(applicationId)}/commands"
            : $"applications/{Escape(applicationId)}/guilds/{Escape(guildId)}/commands";
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(commands, DiscordJson.Options));
        content.Headers.ContentType = JsonMediaType;
        return await SendAsync<JsonArray>(HttpMethod.Put, path, content, bot: true, cancellationToken) ?? [];
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string WebhookPath(WebhookCredentials webhook) => $"webhooks/{Escape(webhook.Id)}/{Escape(webhook.Token)}";

    private static ByteArrayContent JsonBody<T>(T value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, DiscordJson.Options));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static HttpContent MessageBody(MessagePayload payload, IReadOnlyList<FileUpload>? files)
    {
        // Whatever the caller built, nothing the bot posts may ping anyone.
        payload = payload with { AllowedMentions = AllowedMentions.None };
        if (files is not { Count: > 0 })
        {
            return JsonBody(payload);
        }

        payload = payload with { Attachments = [.. files.Select((f, i) => new AttachmentInfo(i, f.FileName))] };
        var form = new MultipartFormDataContent();
        form.Add(JsonBody(payload), "payload_json");
        for (int i = 0; i < files.Count; i++)
        {
            var part = new ByteArrayContent(files[i].Content.ToArray());
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            form.Add(part, $"files[{i}]", files[i].FileName);
        }

        return form;
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string relativePath, HttpContent? content, bool bot, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri($"{_apiBase}/{relativePath}")) { Content = content };
        if (bot)
        {
            string token = options.Value.BotToken is { Length: > 0 } t
                ? t
                : throw new InvalidOperationException("Discord:BotToken is not set.");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", token);
        }

        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ToException(response, body, DiscordRoute.From(method, request.RequestUri!));
        }

        return body.Length == 0 ? default : JsonSerializer.Deserialize<T>(body, DiscordJson.Options);
    }

    private static DiscordApiException ToException(HttpResponseMessage response, byte[] body, DiscordRoute route)
    {
        int code = 0;
        string message = response.ReasonPhrase ?? "error";
        string? errors = null;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("code", out JsonElement c) && c.TryGetInt32(out int parsed))
                {
                    code = parsed;
                }

                if (doc.RootElement.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString()!;
                }

                if (doc.RootElement.TryGetProperty("errors", out JsonElement e))
                {
                    errors = e.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            // Non-JSON error bodies (proxies, Cloudflare) keep the reason phrase.
        }

        return new DiscordApiException(response.StatusCode, code, message, $"{route.Key.Split(' ')[0]} {route.SafePath}", errors);
    }
}
