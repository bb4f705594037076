using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.Routing;
using AutoIntel.Intelligence.Prompts.Answers;

namespace AutoIntel.Intelligence.Prompts;

/// <summary>The structured-output tasks behind <c>LlmContentAnalyzer</c>: instructions, strict schemas and validating parsers.</summary>
public static class AnalysisTasks
{
    private static readonly Dictionary<string, Verdict> Verdicts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["supported"] = Verdict.Supported,
        ["refuted"] = Verdict.Refuted,
        ["mixed"] = Verdict.Mixed,
        ["misleading"] = Verdict.Misleading,
        ["unverified"] = Verdict.Unverified,
    };

    /// <summary>Checkable claims of one chunk.</summary>
    public static StructuredTask<IReadOnlyList<Claim>> ClaimExtraction { get; } = Define<ClaimsAnswer, IReadOnlyList<Claim>>(
        TaskTypes.ClaimExtraction,
        "claims/v2",
        "Extract the checkable factual claims the data makes (not opinions or predictions), each as one self-contained sentence, with checkWorthiness 0..1 (how checkable and consequential) and who makes it (the speaker label of its turn, or null). Return an empty list when there are none.",
        500,
        (a, input) => [.. a.Claims.Select(c =>
        {
            var text = c.Text.Trim();
            return new Claim(ClaimIds.For(text), text, input.ChunkIndex, c.CheckWorthiness, input.SpeakerOf(c.Speaker, text));
        })]);

    /// <summary>A verdict on one claim.</summary>
    public static StructuredTask<VerificationAnswer> ClaimVerification { get; } = Define<VerifyAnswer, VerificationAnswer>(
        TaskTypes.ClaimVerification,
        "verify/v2",
        "Judge the claim in the first data block using only the evidence blocks; each is labelled with its id (E1, E2, …). Verdict: supported, refuted, mixed, misleading, or unverified when the evidence does not decide it. List in citations the ids of the evidence the verdict rests on; a verdict other than unverified must cite at least one. Give confidence 0..1 and a short rationale that names the evidence used. The claim's own wording is not evidence for it.",
        250,
        (a, _) => new VerificationAnswer(Verdicts[a.Verdict.Trim()], a.Confidence, a.Rationale.Trim(), [.. a.Citations.Select(c => c.Trim()).Where(c => c.Length > 0)]));

    /// <summary>The briefing's overview paragraph.</summary>
    public static StructuredTask<string> Briefing { get; } = Define<BriefingAnswer, string>(
        TaskTypes.Briefing,
        "briefing/v1",
        "Write a short briefing overview (at most 120 words) for a community chat: what the source says, how reliable its main claims were found, and what a reader should keep in mind.",
        300,
        (a, _) => a.Overview.Trim());

    /// <summary>Instructions a model reported as ignored, from any answer.</summary>
    public static IReadOnlyList<string> IgnoredInstructions(System.Text.Json.JsonElement answer) =>
        answer.TryGetProperty("ignoredInstructions", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Array
            ? [.. p.EnumerateArray().Where(x => x.ValueKind == System.Text.Json.JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    /// <summary>A structured task whose schema is exported from <typeparamref name="TAnswer"/>, and whose answer is read back into it
    /// and checked against the same attributes before <paramref name="map"/> turns it into the result.</summary>
    public static StructuredTask<T> Define<TAnswer, T>(string taskType, string template, string instructions, int expectedOutputTokens, Func<TAnswer, TaskInput, T> map)
        where TAnswer : TaskAnswer =>
        new(taskType, template, instructions, AnswerSchema.Json<TAnswer>(), expectedOutputTokens, (e, input) => map(AnswerSchema.Read<TAnswer>(e), input));

    /// <summary>Trimmed items, empty ones left out.</summary>
    public static IReadOnlyList<string> Clean(IReadOnlyList<string> items) => [.. items.Select(s => s.Trim()).Where(s => s.Length > 0)];

    // A model may count a speaker's turn labels as mentions: a speaker is mentioned at most as often as the text names them
    // outside the labels, and one only ever labelled is no entity at all.
    /// <summary>An entity's mentions as the model counted them, a speaker's capped at what the text says about them (labels are not mentions).</summary>
    internal static int MentionsBeyondLabels(EntityItem entity, TaskInput input)
    {
        var speaker = input.Speakers?.Known(entity.Name);
        return speaker is null || input.Grounding is null
            ? entity.Mentions
            : Math.Min(entity.Mentions, input.Speakers!.MentionsOf(input.Grounding, speaker));
    }

    /// <summary>The items, or an invalid answer when there are none.</summary>
    /// <exception cref="OutputValidationException">No items.</exception>
    public static IReadOnlyList<string> NonEmpty(IReadOnlyList<string> items, string name) =>
        items.Count > 0 ? items : throw new OutputValidationException($"'{name}' must have at least one item.");

    /// <summary>A model's free-form name in snake_case ("Ad Hominem", "ad-hominem" → "ad_hominem").</summary>
    public static string SnakeCase(string s) => string.Join('_', s.ToLowerInvariant().Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries));
}
