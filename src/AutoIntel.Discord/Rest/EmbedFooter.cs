namespace AutoIntel.Discord.Rest;

/// <summary>The small line under an embed.</summary>
public sealed record EmbedFooter(string Text);
