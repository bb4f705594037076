using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;

namespace AutoIntel.Core.Tests.Briefings;

public sealed class BriefingSectionRenderingTests
{
    [Fact]
    public void Render_DeclaredSection_HeadingFromTitleBodyAsGivenInSectionOrderBeforeMemory()
    {
        var section = new BriefingSection("word_count", "Word count", JsonSerializer.SerializeToElement(new { words = 3 }), "- 3 words\n", [new SectionField("Words", "3")]);

        var markdown = MarkdownBriefingRenderer.Render(Minimal() with { Sections = [.. Minimal().Sections!, section] });

        markdown.Should().Contain("## Word count\n\n- 3 words\n\n");
        markdown.IndexOf("## Word count", StringComparison.Ordinal).Should().BeGreaterThan(markdown.IndexOf("## Perspective", StringComparison.Ordinal))
            .And.BeLessThan(markdown.IndexOf("## What memory already knew", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_EmptySectionOrOlderBriefingWithoutSections_NoHeading()
    {
        var empty = new BriefingSection("word_count", "Word count", JsonSerializer.SerializeToElement(new { words = 0 }), "", []);

        MarkdownBriefingRenderer.Render(Minimal() with { Sections = [empty] }).Should().NotContain("## Word count");
        MarkdownBriefingRenderer.Render(Minimal() with { Sections = null }).Should().NotContain("## Word count");
    }

    [Fact]
    public void Json_Sections_RoundTripWithTheirData()
    {
        var section = new BriefingSection("word_count", "Word count", JsonSerializer.SerializeToElement(new { words = 3 }), "- 3 words", []);
        var json = JsonSerializer.Serialize(Minimal() with { Sections = [section] }, Serialization.AutoIntelJson.Options);

        var back = JsonSerializer.Deserialize<Briefing>(json, Serialization.AutoIntelJson.Options)!;

        back.Sections.Should().ContainSingle().Which.Data.GetProperty("words").GetInt32().Should().Be(3);
        json.Should().Contain("\"sections\":[{\"name\":\"word_count\",\"title\":\"Word count\",\"data\":{\"words\":3}");
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
        [],
        Sections: [new BriefingSection("perspective", "Perspective", JsonSerializer.SerializeToElement(new[] { new PerspectiveReport(0, "third-person reporting", 0.7, [], []) }), "- Part 1: third-person reporting, balance 70%\n", [], "perspectives")]);
}
