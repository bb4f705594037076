using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>The reduce step of the summary: the whole source.</summary>
public sealed record SummaryReduceAnswer : TaskAnswer
{
    [Description("One faithful paragraph.")]
    [Required]
    [MaxLength(3000)]
    public required string Text { get; init; }

    [MinLength(1)]
    [MaxLength(15)]
    public required IReadOnlyList<string> KeyPoints { get; init; }
}
