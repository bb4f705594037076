using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>Perspective and bias of one chunk.</summary>
public sealed record PerspectiveAnswer : TaskAnswer
{
    [Description("Whose perspective the data takes.")]
    [Required]
    [MaxLength(500)]
    public required string Stance { get; init; }

    [Description("0 is one-sided, 1 balanced.")]
    [Range(0.0, 1.0)]
    public required double Balance { get; init; }

    [MaxLength(20)]
    public required IReadOnlyList<string> BiasCues { get; init; }

    [MaxLength(20)]
    public required IReadOnlyList<string> MissingViewpoints { get; init; }
}
