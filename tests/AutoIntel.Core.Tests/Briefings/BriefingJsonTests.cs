using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;

namespace AutoIntel.Core.Tests.Briefings;

/// <summary>The public briefing JSON keeps its shape while built-in sections live in <see cref="Briefing.Sections"/>.</summary>
public sealed class BriefingJsonTests
{
    [Fact]
    public void ToNode_BuiltInSection_AtItsTopLevelPropertyInContractOrder_OthersInSections()
    {
        var tone = new BriefingSection("tone", "Tone", JsonSerializer.SerializeToElement(new[] { new { label = "neutral" } }), "Overall: …", [], "tone");
        var added = new BriefingSection("word_count", "Word count", JsonSerializer.SerializeToElement(new { words = 3 }), "- 3 words", []);

        var arguments = new BriefingSection("arguments", "Arguments", JsonSerializer.SerializeToElement(Array.Empty<Argument>()), string.Empty, [], "arguments");
        var fallacies = new BriefingSection("fallacies", "Possible fallacies", JsonSerializer.SerializeToElement(Array.Empty<Fallacy>()), string.Empty, [], "fallacies");

        var entities = new BriefingSection("entities", "Entities", JsonSerializer.SerializeToElement(new[] { new Entity("Oslo", "place", 2) }, AutoIntel.Core.Serialization.AutoIntelJson.Options), string.Empty, [], "entities");

        var json = BriefingJson.ToNode(Minimal() with { Sections = [SummarySections.Of("A summary."), entities, tone, added, fallacies, arguments] });

        json.Select(p => p.Key).Should().ContainInConsecutiveOrder("summary", "arguments", "fallacies", "tone", "entities", "claims");
        json["entities"]!.ToJsonString().Should().Be("[{\"name\":\"Oslo\",\"type\":\"place\",\"mentions\":2}]");
        json["arguments"]!.ToJsonString().Should().Be("[]");
        json["summary"]!.ToJsonString().Should().Be("{\"text\":\"A summary.\",\"keyPoints\":[]}");
        json["tone"]!.ToJsonString().Should().Be("[{\"label\":\"neutral\"}]");
        json["sections"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Should().Equal("word_count");
        json.ToJsonString().Should().NotContain("jsonProperty").And.NotContain("Overall").And.NotContain("\"lead\"");
    }

    [Fact]
    public void Read_PublicJson_BuiltInSectionsComeBackWithTheirDataAndNames()
    {
        var tone = new BriefingSection("tone", "Tone", JsonSerializer.SerializeToElement(new[] { new { label = "neutral" } }), "Overall: …", [], "tone");
        var added = new BriefingSection("word_count", "Word count", JsonSerializer.SerializeToElement(new { words = 3 }), "- 3 words", []);
        var json = BriefingJson.ToNode(Minimal() with { Sections = [tone, added] }).ToJsonString();

        var back = BriefingJson.Read(json, property => property == "tone" ? ("tone", "Tone") : null);

        back.Sections!.Select(s => (s.Name, s.JsonProperty)).Should().Equal(("tone", "tone"), ("word_count", null));
        back.Section("tone")!.Data[0].GetProperty("label").GetString().Should().Be("neutral");
    }

    private static Briefing Minimal() => new(
        "run-1",
        "A title",
        "https://example.com/a",
        Depth.Deep,
        new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc),
        [],
        new MemoryReport(null, 0, 0, 0, 0, 0, []),
        Usage.None,
        [],
        []);
}
