using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>The arguments of one chunk.</summary>
public sealed record ArgumentsAnswer : TaskAnswer
{
    [MaxLength(30)]
    public required IReadOnlyList<ArgumentItem> Arguments { get; init; }
}
