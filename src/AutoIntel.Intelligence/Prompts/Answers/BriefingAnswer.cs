using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>The briefing's overview paragraph.</summary>
public sealed record BriefingAnswer : TaskAnswer
{
    [Required]
    [MaxLength(2000)]
    public required string Overview { get; init; }
}
