namespace AutoIntel.TestKit;

/// <summary>A file uploaded to the fake Discord server.</summary>
public sealed record FakeDiscordFile(string FormName, string FileName, byte[] Content);
