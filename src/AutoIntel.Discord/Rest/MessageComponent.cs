namespace AutoIntel.Discord.Rest;

/// <summary>A message component (Discord's legacy layout): an action row holding buttons or one string select.</summary>
/// <param name="Type">1 action row, 2 button, 3 string select.</param>
/// <param name="Style">Buttons: 1 primary, 2 secondary, 3 success, 4 danger.</param>
/// <param name="CustomId">Sent back in the interaction when used; 1-100 characters.</param>
public sealed record MessageComponent(
    int Type,
    IReadOnlyList<MessageComponent>? Components = null,
    int? Style = null,
    string? Label = null,
    string? CustomId = null,
    IReadOnlyList<SelectOption>? Options = null,
    string? Placeholder = null,
    int? MinValues = null,
    int? MaxValues = null)
{
    /// <summary>Component type of an action row.</summary>
    public const int ActionRowType = 1;

    /// <summary>Component type of a button.</summary>
    public const int ButtonType = 2;

    /// <summary>Component type of a string select.</summary>
    public const int StringSelectType = 3;

    /// <summary>Longest custom id Discord accepts.</summary>
    public const int MaxCustomId = 100;

    /// <summary>Most options a select may offer (and most values it may return).</summary>
    public const int MaxSelectOptions = 25;

    /// <summary>Longest option label, value and description.</summary>
    public const int MaxOptionText = 100;
}

/// <summary>One choice of a string select.</summary>
public sealed record SelectOption(string Label, string Value, string? Description = null);
