using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>One fallacy.</summary>
public sealed record FallacyItem
{
    [Description("snake_case, e.g. ad_hominem, straw_man, slippery_slope.")]
    [Required]
    [MaxLength(60)]
    public required string Type { get; init; }

    [Description("Verbatim from the data.")]
    [Required]
    [MaxLength(4000)]
    public required string Quote { get; init; }

    [Description("One sentence.")]
    [Required]
    [MaxLength(4000)]
    public required string Explanation { get; init; }

    [Range(0.0, 1.0)]
    public required double Confidence { get; init; }

    [Description("Who says it: one of the speaker labels in the data (\"Name:\" opening a turn), exactly as written; null when the data has no labels or it is unclear.")]
    [MaxLength(200)]
    public string? Speaker { get; init; }
}
