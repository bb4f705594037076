using System.Text.Json.Nodes;

namespace AutoIntel.TestKit;

/// <summary>A message as the fake Discord server keeps it.</summary>
public sealed record FakeDiscordMessage(string Id, string WebhookId, string? ChannelId, JsonObject Payload, IReadOnlyList<FakeDiscordFile> Files);
