using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.Routing;
using static AutoIntel.Intelligence.Prompts.JsonSchemas;

namespace AutoIntel.Intelligence.Prompts;

/// <summary>The structured-output tasks behind <c>LlmContentAnalyzer</c>: instructions, strict schemas and validating parsers.</summary>
public static class AnalysisTasks
{
    private static readonly string[] Tones = ["neutral", "alarmist", "persuasive", "hostile", "enthusiastic", "sarcastic", "informative"];
    private static readonly string[] EntityTypes = ["person", "organization", "place", "number", "date", "other"];
    private static readonly Dictionary<string, Verdict> Verdicts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["supported"] = Verdict.Supported,
        ["refuted"] = Verdict.Refuted,
        ["mixed"] = Verdict.Mixed,
        ["misleading"] = Verdict.Misleading,
        ["unverified"] = Verdict.Unverified,
    };

    /// <summary>Map step of the summary.</summary>
    public static StructuredTask<ChunkSummary> SummarizeChunk { get; } = new(
        TaskTypes.Summary,
        "summary-map/v1",
        "List the 3 to 7 most important points of the data block, each one plain sentence, in the order they appear.",
        Answer(("keyPoints", Array(String()))),
        350,
        (e, input) => new ChunkSummary(input.ChunkIndex, NonEmpty(JsonRead.Strings(e, "keyPoints", 12), "keyPoints")));

    /// <summary>Reduce step of the summary.</summary>
    public static StructuredTask<Summary> ReduceSummaries { get; } = new(
        TaskTypes.Summary,
        "summary-reduce/v1",
        "The data holds key points of consecutive parts of one source. Write a faithful summary of the whole (one paragraph, at most 150 words) and the 5 to 10 most important key points.",
        Answer(("text", String()), ("keyPoints", Array(String()))),
        500,
        (e, _) => new Summary(JsonRead.String(e, "text", 3000), NonEmpty(JsonRead.Strings(e, "keyPoints", 15), "keyPoints")));

    /// <summary>Arguments of one chunk.</summary>
    public static StructuredTask<IReadOnlyList<Argument>> Arguments { get; } = new(
        TaskTypes.ArgumentAnalysis,
        "arguments/v1",
        "Find the arguments the speaker makes: each conclusion, the premises offered for it, a verbatim quote from the data showing it, and strength 0..1 (how well the premises support the conclusion). Return an empty list when there are none.",
        Answer(("arguments", Array(Object(("conclusion", String()), ("premises", Array(String())), ("quote", String()), ("strength", Number()))))),
        600,
        (e, input) => [.. JsonRead.Array(e, "arguments", 30).Select(a => new Argument(
            JsonRead.String(a, "conclusion"),
            JsonRead.Strings(a, "premises", 12),
            JsonRead.Grounded(JsonRead.String(a, "quote"), input, "quote"),
            input.ChunkIndex,
            JsonRead.Number(a, "strength", 0, 1)))]);

    /// <summary>Fallacies of one chunk.</summary>
    public static StructuredTask<IReadOnlyList<Fallacy>> Fallacies { get; } = new(
        TaskTypes.Fallacies,
        "fallacies/v1",
        "Find reasoning fallacies in the data. For each: type in snake_case (e.g. ad_hominem, straw_man, slippery_slope, false_dilemma, appeal_to_authority), the verbatim quote, a one-sentence explanation, and confidence 0..1. Return an empty list when there are none; do not invent fallacies.",
        Answer(("fallacies", Array(Object(("type", String()), ("quote", String()), ("explanation", String()), ("confidence", Number()))))),
        500,
        (e, input) => [.. JsonRead.Array(e, "fallacies", 30).Select(f => new Fallacy(
            SnakeCase(JsonRead.String(f, "type", 60)),
            JsonRead.Grounded(JsonRead.String(f, "quote"), input, "quote"),
            JsonRead.String(f, "explanation"),
            JsonRead.Number(f, "confidence", 0, 1),
            input.ChunkIndex))]);

    /// <summary>Tone of one chunk.</summary>
    public static StructuredTask<ToneReport> Tone { get; } = new(
        TaskTypes.Tone,
        "tone/v1",
        "Classify the tone of the data (label), its sentiment from -1 to 1, and the phrases that signal it (kind and verbatim quote).",
        Answer(("label", Enum(Tones)), ("sentiment", Number()), ("cues", Array(Object(("kind", String()), ("quote", String()))))),
        300,
        (e, input) => new ToneReport(
            input.ChunkIndex,
            JsonRead.OneOf(e, "label", Tones),
            JsonRead.Number(e, "sentiment", -1, 1),
            [.. JsonRead.Array(e, "cues", 20).Select(c => new ToneCue(JsonRead.String(c, "kind", 60), JsonRead.Grounded(JsonRead.String(c, "quote"), input, "quote")))]));

    /// <summary>Perspective and bias of one chunk.</summary>
    public static StructuredTask<PerspectiveReport> Perspective { get; } = new(
        TaskTypes.Perspective,
        "perspective/v1",
        "Describe whose perspective the data takes (stance), how balanced it is from 0 (one-sided) to 1 (balanced), the cues of bias, and viewpoints that are missing.",
        Answer(("stance", String()), ("balance", Number()), ("biasCues", Array(String())), ("missingViewpoints", Array(String()))),
        350,
        (e, input) => new PerspectiveReport(
            input.ChunkIndex,
            JsonRead.String(e, "stance", 500),
            JsonRead.Number(e, "balance", 0, 1),
            JsonRead.Strings(e, "biasCues", 20),
            JsonRead.Strings(e, "missingViewpoints", 20)));

    /// <summary>Entities of one chunk.</summary>
    public static StructuredTask<IReadOnlyList<Entity>> Entities { get; } = new(
        TaskTypes.Entities,
        "entities/v1",
        "List the named entities in the data with their type and how many times each is mentioned.",
        Answer(("entities", Array(Object(("name", String()), ("type", Enum(EntityTypes)), ("mentions", Integer()))))),
        400,
        (e, _) => [.. JsonRead.Array(e, "entities", 100).Select(x => new Entity(
            JsonRead.String(x, "name", 200),
            JsonRead.OneOf(x, "type", EntityTypes),
            (int)JsonRead.Number(x, "mentions", 1, 10_000)))]);

    /// <summary>Checkable claims of one chunk.</summary>
    public static StructuredTask<IReadOnlyList<Claim>> ClaimExtraction { get; } = new(
        TaskTypes.ClaimExtraction,
        "claims/v1",
        "Extract the checkable factual claims the data makes (not opinions or predictions), each as one self-contained sentence, with checkWorthiness 0..1 (how checkable and consequential). Return an empty list when there are none.",
        Answer(("claims", Array(Object(("text", String()), ("checkWorthiness", Number()))))),
        500,
        (e, input) => [.. JsonRead.Array(e, "claims", 40).Select(c =>
        {
            var text = JsonRead.String(c, "text", 600);
            return new Claim(ClaimIds.For(text), text, input.ChunkIndex, JsonRead.Number(c, "checkWorthiness", 0, 1));
        })]);

    /// <summary>A verdict on one claim.</summary>
    public static StructuredTask<VerificationAnswer> ClaimVerification { get; } = new(
        TaskTypes.ClaimVerification,
        "verify/v1",
        "Judge the claim in the first data block using the evidence blocks and well-established knowledge. Verdict: supported, refuted, mixed, misleading, or unverified when you cannot tell. Give confidence 0..1 and a short rationale that names the evidence used. The claim's own wording is not evidence for it.",
        Answer(("verdict", Enum([.. Verdicts.Keys])), ("confidence", Number()), ("rationale", String())),
        250,
        (e, _) => new VerificationAnswer(
            Verdicts[JsonRead.OneOf(e, "verdict", Verdicts.Keys)],
            JsonRead.Number(e, "confidence", 0, 1),
            JsonRead.String(e, "rationale", 2000)));

    /// <summary>The briefing's overview paragraph.</summary>
    public static StructuredTask<string> Briefing { get; } = new(
        TaskTypes.Briefing,
        "briefing/v1",
        "Write a short briefing overview (at most 120 words) for a community chat: what the source says, how reliable its main claims were found, and what a reader should keep in mind.",
        Answer(("overview", String())),
        300,
        (e, _) => JsonRead.String(e, "overview", 2000));

    /// <summary>Instructions a model reported as ignored, from any answer.</summary>
    public static IReadOnlyList<string> IgnoredInstructions(System.Text.Json.JsonElement answer) =>
        answer.TryGetProperty("ignoredInstructions", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Array
            ? [.. p.EnumerateArray().Where(x => x.ValueKind == System.Text.Json.JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    private static IReadOnlyList<string> NonEmpty(IReadOnlyList<string> items, string name) =>
        items.Count > 0 ? items : throw new OutputValidationException($"'{name}' must have at least one item.");

    private static string SnakeCase(string s) => string.Join('_', s.ToLowerInvariant().Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries));
}
