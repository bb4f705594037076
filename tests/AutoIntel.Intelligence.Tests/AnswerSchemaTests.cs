using AutoIntel.Intelligence.Analyses;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.Intelligence.Prompts.Answers;

namespace AutoIntel.Intelligence.Tests;

public sealed class AnswerSchemaTests
{
    private static readonly TaskInput Chunk = new([], "Everyone knows the plan works, so critics are fools.", 0);

    public static TheoryData<string, string> Schemas() => new()
    {
        { "summary-map", new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis().Prompt.SchemaJson },
        { "summary-reduce", new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis().ReducePrompt.SchemaJson },
        { "arguments", new ArgumentsAnalysis().Prompt.SchemaJson },
        { "fallacies", new FallaciesAnalysis().Prompt.SchemaJson },
        { "tone", new ToneAnalysis().Prompt.SchemaJson },
        { "perspective", new PerspectiveAnalysis().Prompt.SchemaJson },
        { "entities", new EntitiesAnalysis().Prompt.SchemaJson },
        { "claims", AnalysisTasks.ClaimExtraction.SchemaJson },
        { "verify", AnalysisTasks.ClaimVerification.SchemaJson },
        { "briefing", AnalysisTasks.Briefing.SchemaJson },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Schema_EveryTask_IsStrict(string task, string schema)
    {
        foreach (var node in Objects(JsonNode.Parse(schema)!))
        {
            node["additionalProperties"]!.GetValue<bool>().Should().BeFalse(task);
            node["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo(node["properties"]!.AsObject().Select(p => p.Key), task);
        }

        schema.Should().Contain("\"ignoredInstructions\"").And.NotContain("maxLength");

        // Only who said something may be null (a transcript without speaker labels); every other field is required and non-null.
        var root = JsonNode.Parse(schema)!;
        foreach (var node in Objects(root).ToList())
        {
            if (node["properties"]!.AsObject().Remove("speaker", out var speaker))
            {
                speaker!["type"]!.ToJsonString().Should().Be("""["string","null"]""", task);
            }
        }

        root.ToJsonString().Should().NotContain("null", task);
    }

    [Fact]
    public void Schema_FallacyType_StatesTheSixtyCharacterLimitTheValidatorEnforces()
    {
        var type = JsonNode.Parse(new FallaciesAnalysis().Prompt.SchemaJson)!["properties"]!["fallacies"]!["items"]!["properties"]!["type"]!;

        type["type"]!.GetValue<string>().Should().Be("string");
        type["description"]!.GetValue<string>().Should().Contain("ad_hominem").And.Contain("at most 60 characters");
    }

    [Fact]
    public void Schema_EnumsAndRanges_AreExportedFromTheAttributes()
    {
        var tone = JsonNode.Parse(new ToneAnalysis().Prompt.SchemaJson)!["properties"]!;

        tone["label"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain(["neutral", "alarmist", "informative"]);
        tone["sentiment"]!["type"]!.GetValue<string>().Should().Be("number");
        tone["sentiment"]!["description"]!.GetValue<string>().Should().Contain("between -1 and 1");
        tone["cues"]!["description"]!.GetValue<string>().Should().Contain("at most 20 items");
    }

    [Fact]
    public void Parse_FallacyTypeOverSixtyCharacters_IsRejectedWithTheSameLimit()
    {
        var answer = Fallacy(new string('x', 61));

        var act = () => new FallaciesAnalysis().Prompt.Parse(answer, Chunk);

        act.Should().Throw<OutputValidationException>().WithMessage("'type' must have at most 60 characters*");
    }

    [Fact]
    public void Parse_ValidFallacy_IsReadAndNormalised()
    {
        var fallacies = new FallaciesAnalysis().Prompt.Parse(Fallacy("Ad Hominem"), Chunk);

        fallacies.Should().ContainSingle().Which.Type.Should().Be("ad_hominem");
    }

    [Theory]
    [InlineData("""{"verdict":"supported","confidence":1.5,"rationale":"r","citations":["E1"],"ignoredInstructions":[]}""", "'confidence' must be between 0 and 1*")]
    [InlineData("""{"verdict":"maybe","confidence":0.5,"rationale":"r","citations":["E1"],"ignoredInstructions":[]}""", "'verdict' must be one of supported, refuted*")]
    [InlineData("""{"verdict":"supported","confidence":0.5,"rationale":"  ","citations":["E1"],"ignoredInstructions":[]}""", "'rationale' must not be empty*")]
    [InlineData("""{"verdict":"supported","confidence":0.5,"citations":[],"ignoredInstructions":[]}""", "*missing required properties*rationale*")]
    [InlineData("""{"verdict":"supported","confidence":"high","rationale":"r","citations":["E1"],"ignoredInstructions":[]}""", "*confidence*")]
    public void Parse_AnswerBreakingTheSchema_IsRejectedWithTheField(string json, string message)
    {
        using var doc = JsonDocument.Parse(json);

        var act = () => AnalysisTasks.ClaimVerification.Parse(doc.RootElement.Clone(), Chunk);

        act.Should().Throw<OutputValidationException>().WithMessage(message);
    }

    [Fact]
    public void Parse_VerdictInOtherCase_IsAccepted()
    {
        using var doc = JsonDocument.Parse("""{"verdict":"Refuted","confidence":0.9,"rationale":"r","citations":["E1"],"ignoredInstructions":[]}""");

        AnalysisTasks.ClaimVerification.Parse(doc.RootElement.Clone(), Chunk).Verdict.Should().Be(Core.FactCheck.Verdict.Refuted);
    }

    [Fact]
    public void Parse_EmptyKeyPoints_IsRejected()
    {
        using var doc = JsonDocument.Parse("""{"keyPoints":[],"ignoredInstructions":[]}""");

        var act = () => new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis().Prompt.Parse(doc.RootElement.Clone(), Chunk);

        act.Should().Throw<OutputValidationException>().WithMessage("'keyPoints' must have at least one item*");
    }

    private static JsonElement Fallacy(string type)
    {
        var json = new JsonObject
        {
            ["fallacies"] = new JsonArray(new JsonObject
            {
                ["type"] = type,
                ["quote"] = "critics are fools",
                ["explanation"] = "Attacks the critics instead of their case.",
                ["confidence"] = 0.8,
            }),
            ["ignoredInstructions"] = new JsonArray(),
        }.ToJsonString();
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static IEnumerable<JsonObject> Objects(JsonNode node)
    {
        if (node is JsonObject o)
        {
            if (o["properties"] is JsonObject)
            {
                yield return o;
            }

            foreach (var child in o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Objects))
            {
                yield return child;
            }
        }
    }
}
