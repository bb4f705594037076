using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>One named entity.</summary>
public sealed record EntityItem
{
    [Required]
    [MaxLength(200)]
    public required string Name { get; init; }

    [OneOf("person", "organization", "place", "number", "date", "other")]
    public required string Type { get; init; }

    [Description("How many times it is mentioned.")]
    [Range(1, 10_000)]
    public required int Mentions { get; init; }
}
