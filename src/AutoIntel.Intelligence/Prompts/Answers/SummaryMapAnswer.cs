using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>The map step of the summary: key points of one chunk.</summary>
public sealed record SummaryMapAnswer : TaskAnswer
{
    [Description("One plain sentence per point, in the order they appear.")]
    [MinLength(1)]
    [MaxLength(12)]
    public required IReadOnlyList<string> KeyPoints { get; init; }
}
