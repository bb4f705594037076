namespace AutoIntel.Discord.Interactions;

/// <summary>The command part of an application-command interaction.</summary>
/// <param name="CustomId">Message components: the custom id of the button or select used.</param>
/// <param name="ComponentType">Message components: 2 button, 3 string select.</param>
/// <param name="Values">String selects: the values chosen.</param>
public sealed record InteractionData(
    string? Id,
    string? Name,
    int Type,
    IReadOnlyList<InteractionOption>? Options,
    InteractionResolved? Resolved,
    string? CustomId = null,
    int? ComponentType = null,
    IReadOnlyList<string>? Values = null);
