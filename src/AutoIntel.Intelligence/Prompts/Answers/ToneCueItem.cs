using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>A phrase that signals the tone.</summary>
public sealed record ToneCueItem
{
    [Required]
    [MaxLength(60)]
    public required string Kind { get; init; }

    [Description("Verbatim from the data.")]
    [Required]
    [MaxLength(4000)]
    public required string Quote { get; init; }
}
