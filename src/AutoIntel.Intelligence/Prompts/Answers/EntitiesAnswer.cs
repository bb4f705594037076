using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>The named entities of one chunk.</summary>
public sealed record EntitiesAnswer : TaskAnswer
{
    [MaxLength(100)]
    public required IReadOnlyList<EntityItem> Entities { get; init; }
}
