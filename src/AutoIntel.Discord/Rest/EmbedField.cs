namespace AutoIntel.Discord.Rest;

/// <summary>A name/value pair inside an embed.</summary>
public sealed record EmbedField(string Name, string Value, bool? Inline = null);
