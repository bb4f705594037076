using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Core.Tests.Briefings;

public sealed class SpeakerGroupingTests
{
    [Fact]
    public void Group_SpeakersInOrderOfFirstClaimUnattributedLast()
    {
        var groups = SpeakerClaims.Group([Said("a", "Graham"), Said("b", null), Said("c", "Amara"), Said("d", "Graham")]);

        groups.Should().NotBeNull();
        groups!.Select(g => (g.Speaker, string.Join(',', g.Claims))).Should().Equal(("Graham", "0,3"), ("Amara", "2"), ((string?)null, "1"));
    }

    [Fact]
    public void Group_NoSpeakers_Null()
    {
        SpeakerClaims.Group([Said("a", null), Said("b", null)]).Should().BeNull();
    }

    [Fact]
    public void Markdown_ClaimsWithSpeakers_OneTablePerSpeakerWithBriefingNumbers()
    {
        var markdown = MarkdownBriefingRenderer.Render(Briefing([Said("Rents rose 9%.", "Ruth"), Said("London only.", "Tom"), Said("Fastest since 2008.", "Ruth")]));

        markdown.Should().Contain("### Ruth (2 claims)\n\n| # | Verdict | Claim | Confidence | Checked by |\n|---|---|---|---|---|\n| 1 | ");
        markdown.Should().Contain("| 3 | \u2754 Unverified | Fastest since 2008. |");
        markdown.Should().Contain("### Tom (1 claim)\n\n| # | Verdict | Claim | Confidence | Checked by |\n|---|---|---|---|---|\n| 2 | ");
        markdown.IndexOf("### Ruth", StringComparison.Ordinal).Should().BeLessThan(markdown.IndexOf("### Tom", StringComparison.Ordinal));
        markdown.Should().Contain("(strength 50%) \u2014 Tom\n").And.Contain("\u201Cyou always lie\u201D \u2014 Ruth \u2014 ");
    }

    [Fact]
    public void Markdown_ClaimsWithoutSpeakers_OneTableNoSpeakerHeadings()
    {
        var markdown = MarkdownBriefingRenderer.Render(Briefing([Said("Rents rose 9%.", null)]));

        markdown.Should().Contain("## Claims\n\n| # | Verdict |").And.NotContain("(1 claim)");
    }

    [Fact]
    public void Json_SpeakersOnClaimsAndGrouped_AbsentWithoutSpeakers()
    {
        var json = BriefingJson.ToNode(Briefing([Said("Rents rose 9%.", "Ruth"), Said("London only.", null)]));

        json["claims"]![0]!["claim"]!["speaker"]!.GetValue<string>().Should().Be("Ruth");
        json["claimsBySpeaker"]!.ToJsonString().Should().Be("""[{"speaker":"Ruth","claims":[0]},{"speaker":null,"claims":[1]}]""");
        json["arguments"]![0]!["speaker"]!.GetValue<string>().Should().Be("Tom");

        var plain = BriefingJson.ToNode(Briefing([Said("Rents rose 9%.", null)]));
        plain.AsObject().ContainsKey("claimsBySpeaker").Should().BeFalse();

        var back = JsonSerializer.Deserialize<Briefing>(json.ToJsonString(), AutoIntelJson.Options)!;
        back.Claims[0].Claim.Speaker.Should().Be("Ruth");
        back.ClaimsBySpeaker.Should().HaveCount(2);
    }

    private static ClaimVerdict Said(string text, string? speaker) =>
        new(new Claim(ClaimId.From(text), text, 0, 0.5, speaker), Verdict.Unverified, 0, "Unverified offline.", [], "offline");

    private static Briefing Briefing(IReadOnlyList<ClaimVerdict> claims) => new(
        "run-1",
        "Housing debate",
        "https://example.com/debate",
        Depth.Standard,
        new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc),
        claims,
        MemoryReport.Empty,
        Usage.None,
        [],
        [],
        Sections:
        [
            // As ArgumentsAnalysis and FallaciesAnalysis present these findings (their own tests check that); the renderer only frames them.
            new BriefingSection(
                "arguments",
                "Arguments",
                JsonSerializer.SerializeToElement(new[] { new Argument("Rents will keep rising", ["supply is short"], "Rents will keep rising because supply is short.", 0, 0.5, "Tom") }, AutoIntelJson.Options),
                "- **Rents will keep rising** (strength 50%) \u2014 Tom\n  - because: supply is short\n",
                [],
                "arguments"),
            new BriefingSection(
                "fallacies",
                "Possible fallacies",
                JsonSerializer.SerializeToElement(new[] { new Fallacy("ad_hominem", "you always lie", "Attacks the person.", 0.5, 0, "Ruth") }, AutoIntelJson.Options),
                "- **Ad hominem** (50%): \u201Cyou always lie\u201D \u2014 Ruth \u2014 Attacks the person.\n",
                [],
                "fallacies"),
        ]);
}
