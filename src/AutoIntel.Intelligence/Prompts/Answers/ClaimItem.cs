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

    [Description("Who says it: one of the speaker labels in the data (\"Name:\" opening a turn), exactly as written; null when the data has no labels or it is unclear.")]
    [MaxLength(200)]
    public string? Speaker { get; init; }
}
