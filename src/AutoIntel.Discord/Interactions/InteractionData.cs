namespace AutoIntel.Discord.Interactions;

/// <summary>The command part of an application-command interaction.</summary>
public sealed record InteractionData(string? Id, string? Name, int Type, IReadOnlyList<InteractionOption>? Options, InteractionResolved? Resolved);
