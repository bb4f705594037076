using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;

namespace AutoIntel.Core.Tests.Briefings;

/// <summary>Evidence items in the Markdown briefing: id, linked title, source, publisher, date, rating and the quote.</summary>
public sealed class MarkdownEvidenceTests
{
    [Fact]
    public void Render_FactCheckReview_LinkedTitleWithPublisherDateAndRating()
    {
        var review = new Evidence("factcheck", "The council approved the bridge in 2024.", 0.83, "https://fullfact.org/online/bridge-2024/")
        {
            Id = "E1",
            Title = "The bridge was not approved in 2024",
            Publisher = "Full Fact",
            Date = "2025-03-01T00:00:00Z",
            Rating = "False",
        };

        var markdown = MarkdownBriefingRenderer.Render(BriefingWith(review));

        markdown.Should().Contain(
            "- `E1` [The bridge was not approved in 2024](https://fullfact.org/online/bridge-2024/) (factcheck \u00B7 Full Fact \u00B7 2025-03-01) rated \u201CFalse\u201D: \u201CThe council approved the bridge in 2024.\u201D (relevance 83%)\n");
    }

    [Fact]
    public void Render_ItemWithoutLinkOrTitle_LabelledByItsSource()
    {
        var passage = new Evidence("memory", "An earlier run said so.", 0.5) { Id = "E2" };

        var markdown = MarkdownBriefingRenderer.Render(BriefingWith(passage));

        markdown.Should().Contain("- `E2` memory: \u201CAn earlier run said so.\u201D (relevance 50%)\n");
    }

    private static Briefing BriefingWith(Evidence evidence)
    {
        var claim = new Claim("c1", "The council approved the bridge in 2024.", 0, 0.9);
        return new Briefing(
            "run-1",
            "Council",
            "council.txt",
            Depth.Quick,
            new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc),
            [new ClaimVerdict(claim, Verdict.Refuted, 0.86, "Rated \u201CFalse\u201D by Full Fact (2025-03-01).", [evidence], "fact-check")],
            MemoryReport.Empty,
            Usage.None,
            [],
            []);
    }
}
