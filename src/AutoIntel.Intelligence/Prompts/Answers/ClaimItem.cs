using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>One checkable claim.</summary>
public sealed record ClaimItem
{
    [Description("One self-contained sentence.")]
    [Required]
    [MaxLength(600)]
    public required string Text { get; init; }

    [Description("How checkable and consequential.")]
    [Range(0.0, 1.0)]
    public required double CheckWorthiness { get; init; }
}
