using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>The checkable factual claims of one chunk.</summary>
public sealed record ClaimsAnswer : TaskAnswer
{
    [MaxLength(40)]
    public required IReadOnlyList<ClaimItem> Claims { get; init; }
}
