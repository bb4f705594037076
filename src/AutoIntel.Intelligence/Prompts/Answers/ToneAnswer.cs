using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>The tone of one chunk.</summary>
public sealed record ToneAnswer : TaskAnswer
{
    [OneOf("neutral", "alarmist", "persuasive", "hostile", "enthusiastic", "sarcastic", "informative")]
    public required string Label { get; init; }

    [Description("Negative to positive.")]
    [Range(-1.0, 1.0)]
    public required double Sentiment { get; init; }

    [MaxLength(20)]
    public required IReadOnlyList<ToneCueItem> Cues { get; init; }
}
