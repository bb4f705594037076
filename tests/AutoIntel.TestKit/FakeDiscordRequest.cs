namespace AutoIntel.TestKit;

/// <summary>One request the fake Discord server received.</summary>
/// <param name="Json">The JSON body, or the <c>payload_json</c> part of a multipart body.</param>
/// <param name="Files">Uploaded files: form name, file name and bytes.</param>
public sealed record FakeDiscordRequest(string Method, string Path, string Query, string? Json, IReadOnlyList<FakeDiscordFile> Files, string? Authorization, int Status);
