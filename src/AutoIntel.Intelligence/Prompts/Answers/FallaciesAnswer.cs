using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>The reasoning fallacies of one chunk.</summary>
public sealed record FallaciesAnswer : TaskAnswer
{
    [MaxLength(30)]
    public required IReadOnlyList<FallacyItem> Fallacies { get; init; }
}
