using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>A verdict on one claim.</summary>
public sealed record VerifyAnswer : TaskAnswer
{
    [OneOf("supported", "refuted", "mixed", "misleading", "unverified")]
    public required string Verdict { get; init; }

    [Range(0.0, 1.0)]
    public required double Confidence { get; init; }

    [Description("Names the evidence used.")]
    [Required]
    [MaxLength(2000)]
    public required string Rationale { get; init; }

    [Description("Ids of the evidence items the verdict rests on (e.g. E1); empty when none supports a verdict.")]
    [MaxLength(20)]
    public required IReadOnlyList<string> Citations { get; init; }
}
