using System.Text.Json.Nodes;

namespace AutoIntel.TestKit;

/// <summary>A message as the fake Discord server keeps it.</summary>
/// <param name="WebhookId">The webhook that posted it, or null when the bot posted it with Create Message.</param>
/// <param name="AuthorId">The author: the bot user, or (as Discord shows webhook messages) the webhook id.</param>
public sealed record FakeDiscordMessage(string Id, string? WebhookId, string? ChannelId, JsonObject Payload, IReadOnlyList<FakeDiscordFile> Files, string AuthorId);
