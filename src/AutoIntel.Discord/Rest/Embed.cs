namespace AutoIntel.Discord.Rest;

/// <summary>A rich embed (the parts AutoIntel fills); it serialises to Discord's documented embed fields only.</summary>
public sealed record Embed(
    string? Title = null,
    string? Description = null,
    string? Url = null,
    int? Color = null,
    IReadOnlyList<EmbedField>? Fields = null,
    EmbedFooter? Footer = null);
