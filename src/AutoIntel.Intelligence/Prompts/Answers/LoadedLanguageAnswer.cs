using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>Loaded terms of one chunk.</summary>
public sealed record LoadedLanguageAnswer : TaskAnswer
{
    [MaxLength(20)]
    public required IReadOnlyList<LoadedTermItem> Terms { get; init; }
}

/// <summary>One loaded term as the model reports it.</summary>
public sealed record LoadedTermItem
{
    [Description("The word or short phrase, verbatim from the quote.")]
    [Required]
    [MaxLength(80)]
    public required string Term { get; init; }

    [OneOf("pejorative", "hyperbole", "euphemism", "fear", "flattering")]
    public required string Kind { get; init; }

    [Description("The sentence that uses the term, verbatim from the data.")]
    [Required]
    [MaxLength(4000)]
    public required string Quote { get; init; }

    [Description("A neutral wording of the same content.")]
    [Required]
    [MaxLength(120)]
    public required string Neutral { get; init; }
}
