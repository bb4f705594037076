using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>One argument.</summary>
public sealed record ArgumentItem
{
    [Required]
    [MaxLength(4000)]
    public required string Conclusion { get; init; }

    [MaxLength(12)]
    public required IReadOnlyList<string> Premises { get; init; }

    [Description("Verbatim from the data.")]
    [Required]
    [MaxLength(4000)]
    public required string Quote { get; init; }

    [Description("How well the premises support the conclusion.")]
    [Range(0.0, 1.0)]
    public required double Strength { get; init; }

    [Description("Who says it: one of the speaker labels in the data (\"Name:\" opening a turn), exactly as written; null when the data has no labels or it is unclear.")]
    [MaxLength(200)]
    public string? Speaker { get; init; }
}
