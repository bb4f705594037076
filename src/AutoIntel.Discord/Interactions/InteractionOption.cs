using System.Text.Json;

namespace AutoIntel.Discord.Interactions;

/// <summary>One option value the user gave (attachment options carry the attachment id as value).</summary>
public sealed record InteractionOption(string Name, int Type, JsonElement? Value, IReadOnlyList<InteractionOption>? Options);
