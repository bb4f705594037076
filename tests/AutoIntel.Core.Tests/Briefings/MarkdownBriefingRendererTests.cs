using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;

namespace AutoIntel.Core.Tests.Briefings;

public sealed class MarkdownBriefingRendererTests
{
    [Fact]
    public void Render_RealisticBriefing_HasEverySection()
    {
        var markdown = MarkdownBriefingRenderer.Render(SampleBriefing());

        markdown.Should().StartWith("# The Grid Debate, Episode 12\n\n**Source:** <https://example.com/podcast/12>  \n");
        markdown.Should().Contain("**Depth:** standard · **Run:** `run-42` · **Created:** 2026-03-04 05:06 UTC");
        markdown.Should().ContainAll(
            "## Summary", "**Key points**", "- Wind supplied 29% of UK power in 2023.",
            "## Claims", "## Arguments", "## Possible fallacies", "## Tone", "## Perspective", "## Entities",
            "## What memory already knew", "## Cost and timing", "## Notes");
        SectionOrder(markdown).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Render_DegradedSections_ListedBeforeTheSummaryOneLineEach()
    {
        var briefing = SampleBriefing() with
        {
            Degradations = [new("fallacies", "model output invalid"), new("tone", "analysis failed (disk full)", Failed: true)],
        };

        var markdown = MarkdownBriefingRenderer.Render(briefing);

        markdown.Should().Contain("> \u26A0\uFE0F **Degraded sections**\n> - Fallacies: model output invalid — offline heuristics shown\n> - Tone: analysis failed (disk full) — analysis failed, nothing shown\n");
        markdown.IndexOf("Degraded sections", StringComparison.Ordinal).Should().BeLessThan(markdown.IndexOf("## Summary", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_NoDegradations_NoDegradedBlock()
    {
        MarkdownBriefingRenderer.Render(SampleBriefing()).Should().NotContain("Degraded sections");
    }

    [Fact]
    public void Render_Claims_TableRowsWithVerdictMarkersAndConfidence()
    {
        var markdown = MarkdownBriefingRenderer.Render(SampleBriefing());

        markdown.Should().Contain("| # | Verdict | Claim | Confidence | Checked by |\n|---|---|---|---|---|\n");
        markdown.Should().Contain("| 1 | \u2705 Supported | Wind supplied 29% of UK power in 2023. | 82% | memory |\n");
        markdown.Should().Contain("| 2 | \u274C Refuted | Solar panels produce more carbon than coal. | 90% | gpt-4o-mini |\n");
        markdown.Should().Contain("| 3 | \u26A0\uFE0F Misleading |");
        markdown.Should().Contain("| 4 | \u2754 Unverified | Grid prices \\| tariffs doubled since 2020. | 0% | offline |\n");
    }

    [Fact]
    public void Render_Evidence_BulletsWithLinkSnippetAndRelevance()
    {
        var markdown = MarkdownBriefingRenderer.Render(SampleBriefing());

        markdown.Should().Contain("**1.** \u2705 Supported — Matches the remembered verdict from an earlier run.\n");
        markdown.Should().Contain("- [Energy Trends](https://example.org/trends): \u201CWind generation reached 28.7% of supply.\u201D (relevance 91%)\n");
        markdown.Should().Contain("- memory: \u201CSupported in run 17.\u201D (relevance 100%)\n");
    }

    [Fact]
    public void Render_EvidenceWithSharedOfflineRationale_SaysItOnce()
    {
        const string offline = "Unverified offline: no knowledge source is configured.";
        ClaimVerdict Unverified(string text) => new(new Claim(ClaimId.From(text), text, 0, 0.5), Verdict.Unverified, 0, offline, [], "offline");
        var briefing = SampleBriefing() with
        {
            Claims =
            [
                Unverified("Sales rose 5% in 2023."),
                Unverified("Costs fell 3% in 2024."),
                new ClaimVerdict(new Claim(ClaimId.From("Wind supplied 29%."), "Wind supplied 29%.", 0, 0.8), Verdict.Supported, 0.8, "Matches a source.",
                    [new Evidence("Energy Trends", "Wind reached 28.7%.", 0.9)], "memory"),
                Unverified("Prices doubled since 2020."),
            ],
        };

        var markdown = MarkdownBriefingRenderer.Render(briefing);

        markdown.Should().Contain("**1\u20132, 4.** \u2754 Unverified — " + offline + "\n");
        markdown.Split(offline).Should().HaveCount(2);
        markdown.Should().Contain("**3.** \u2705 Supported — Matches a source.\n- Energy Trends: \u201CWind reached 28.7%.\u201D (relevance 90%)\n");
    }

    [Fact]
    public void Render_AnalysisSections_ShowArgumentsFallaciesToneAndEntities()
    {
        var markdown = MarkdownBriefingRenderer.Render(SampleBriefing());

        markdown.Should().Contain("- **We must build more interconnectors** (strength 60%)\n  - because: wind output varies with the weather\n");
        markdown.Should().Contain("- **Slippery slope** (45%): \u201CFirst they ban gas boilers, next they will ban cars.\u201D — Predicts a chain of consequences without showing each step follows.\n");
        markdown.Should().Contain("Overall: **persuasive** (average sentiment -0.10)");
        markdown.Should().Contain("- Part 2: alarmist, sentiment -0.60; alarm \u201Ccatastrophe\u201D\n");
        markdown.Should().Contain("- **People:** Claire Okafor ×3, Tom Reyes\n");
        markdown.Should().Contain("- **Organizations:** National Grid ×2\n");
        markdown.Should().Contain("- Part 1: first-person advocacy, balance 30%\n  - Bias cues: obviously; everyone knows\n  - Missing: Consumers facing higher bills\n");
    }

    [Fact]
    public void Render_MemoryCostAndTiming_AreReported()
    {
        var markdown = MarkdownBriefingRenderer.Render(SampleBriefing());

        markdown.Should().Contain("- Near-duplicate of <https://example.com/podcast/11> (similarity 93%).\n- Verdicts reused from memory: 1\n- Related sources: <https://example.com/a> (similarity 0.42), <https://example.com/b> (similarity 0.18)\n");
        markdown.Should().Contain("**Cost:** $0.0042 · 7 LLM calls · 2 cache hits · $0.0011 saved · 12,400 in / 1,800 out tokens");
        markdown.Should().Contain("| Stage | Duration | Activities |\n|---|---:|---:|\n| acquire | 850 ms | 1 |\n| analyse | 4.2 s | 14 |\n| **All stages** | | **15** |\n");
        markdown.Should().Contain("## Notes\n\n- 1 claim is unverified offline.\n");
    }

    [Fact]
    public void Render_UserContentWithMarkdown_IsEscaped()
    {
        var briefing = SampleBriefing() with
        {
            Title = "# *Bold* [link](http://x) <script>",
            Sections = [SummarySections.Of("- not a list | pipe `code` _under_")],
            Notes = ["**note**\nsecond line"],
        };

        var markdown = MarkdownBriefingRenderer.Render(briefing);

        markdown.Should().StartWith("# \\# \\*Bold\\* \\[link\\](http://x) \\<script\\>\n");
        markdown.Should().Contain("## Summary\n\n\\- not a list \\| pipe \\`code\\` \\_under\\_\n");
        markdown.Should().Contain("- \\*\\*note\\*\\* second line\n");
        markdown.Should().NotContain("<script>");
    }

    [Fact]
    public void Render_ContentWithTerminalControls_HasNoControlCharacters()
    {
        var briefing = SampleBriefing() with
        {
            Title = "Title\u001b(0 with line drawing\u001b7",
            Source = "https://example.test/a\u001b[2Jb",
            Sections = [SummarySections.Of("Summary\u0007 with bell\u0000 and C1\u009b2J\u001b8 restore", "point\u001b]0;title\u0007")],
            Notes = ["note\r\nwith\u0085 breaks"],
        };

        var markdown = MarkdownBriefingRenderer.Render(briefing);

        markdown.Where(c => char.IsControl(c) && c != '\n').Should().BeEmpty();
        markdown.Should().StartWith("# Title(0 with line drawing7\n");
        markdown.Should().Contain("Summary with bell and C12J8 restore");
        markdown.Should().Contain("- note with breaks\n");
    }

    [Fact]
    public void Render_EmptyBriefing_SaysWhatIsMissing()
    {
        var briefing = SampleBriefing() with
        {
            Claims = [],
            Sections = [SummarySections.Of(string.Empty)],
            Memory = MemoryReport.Empty,
            Stages = [],
            Notes = [],
            Source = "local file.txt",
        };

        var markdown = MarkdownBriefingRenderer.Render(briefing);

        markdown.Should().Contain("**Source:** local file.txt");
        markdown.Should().Contain("_No summary was produced._");
        markdown.Should().Contain("_No checkable claims were found._");
        markdown.Should().Contain("_Memory was not consulted for this run._");
        markdown.Should().NotContain("## Arguments").And.NotContain("## Notes").And.NotContain("| Stage |");
    }

    private static int[] SectionOrder(string markdown) =>
    [
        markdown.IndexOf("## Summary", StringComparison.Ordinal),
        markdown.IndexOf("## Claims", StringComparison.Ordinal),
        markdown.IndexOf("## Arguments", StringComparison.Ordinal),
        markdown.IndexOf("## Possible fallacies", StringComparison.Ordinal),
        markdown.IndexOf("## Tone", StringComparison.Ordinal),
        markdown.IndexOf("## Perspective", StringComparison.Ordinal),
        markdown.IndexOf("## Entities", StringComparison.Ordinal),
        markdown.IndexOf("## What memory already knew", StringComparison.Ordinal),
        markdown.IndexOf("## Cost and timing", StringComparison.Ordinal),
        markdown.IndexOf("## Notes", StringComparison.Ordinal),
    ];

    private static Briefing SampleBriefing()
    {
        Claim Claim(string text, int chunk) => new(ClaimId.From(text), text, chunk, 0.8);

        return new Briefing(
            "run-42",
            "The Grid Debate, Episode 12",
            "https://example.com/podcast/12",
            Depth.Standard,
            new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc),
            [
                new ClaimVerdict(Claim("Wind supplied 29% of UK power in 2023.", 0), Verdict.Supported, 0.82, "Matches the remembered verdict from an earlier run.",
                    [new Evidence("Energy Trends", "Wind generation reached 28.7% of supply.", 0.91, "https://example.org/trends"), new Evidence("memory", "Supported in run 17.", 1.0)], "memory"),
                new ClaimVerdict(Claim("Solar panels produce more carbon than coal.", 1), Verdict.Refuted, 0.9, "Lifecycle studies find the opposite.", [], "gpt-4o-mini"),
                new ClaimVerdict(Claim("Bills rose because of green levies.", 1), Verdict.Misleading, 0.6, "Gas prices drove most of the rise.", [], "gpt-4o-mini"),
                new ClaimVerdict(Claim("Grid prices | tariffs doubled since 2020.", 2), Verdict.Unverified, 0, "Unverified offline.", [], "offline"),
            ],
            new MemoryReport("https://example.com/podcast/11", 0.93, 1, 24, 120, 310, [new RelatedSource("https://example.com/a", 0.42), new RelatedSource("https://example.com/b", 0.18)]),
            new Usage(7, 12_400, 1_800, 0.0042m, 2, 0.0011m),
            [new StageTiming("acquire", 850, 1), new StageTiming("analyse", 4200, 14)],
            ["1 claim is unverified offline."],
            Sections:
            [
                // As the declared analyses render these results (their own tests check that); the renderer only frames them.
                SummarySections.Of(
                    "The hosts debate whether Britain's grid can run on renewables. Wind supplied 29% of UK power in 2023.",
                    "Wind supplied 29% of UK power in 2023.", "Storage remains the bottleneck."),
                new BriefingSection(
                    "arguments",
                    "Arguments",
                    JsonSerializer.SerializeToElement(new[] { new Argument("We must build more interconnectors", ["wind output varies with the weather"], "We must build more interconnectors because wind output varies with the weather.", 0, 0.6) }),
                    "- **We must build more interconnectors** (strength 60%)\n  - because: wind output varies with the weather\n",
                    [],
                    "arguments"),
                new BriefingSection(
                    "fallacies",
                    "Possible fallacies",
                    JsonSerializer.SerializeToElement(new[] { new Fallacy("slippery_slope", "First they ban gas boilers, next they will ban cars.", "Predicts a chain of consequences without showing each step follows.", 0.45, 1) }),
                    "- **Slippery slope** (45%): \u201CFirst they ban gas boilers, next they will ban cars.\u201D \u2014 Predicts a chain of consequences without showing each step follows.\n",
                    [new SectionField("slippery slope \u00B7 45 %", "\u201CFirst they ban gas boilers, next they will ban cars.\u201D \u2014 Predicts a chain of consequences without showing each step follows.")],
                    "fallacies"),
                new BriefingSection(
                    "tone",
                    "Tone",
                    JsonSerializer.SerializeToElement(new[]
                    {
                        new ToneReport(0, "persuasive", 0.4, [new ToneCue("persuasion", "we must")]),
                        new ToneReport(1, "alarmist", -0.6, [new ToneCue("alarm", "catastrophe")]),
                        new ToneReport(2, "persuasive", -0.1, []),
                    }),
                    "Overall: **persuasive** (average sentiment -0.10)\n\n- Part 1: persuasive, sentiment +0.40; persuasion \u201Cwe must\u201D\n- Part 2: alarmist, sentiment -0.60; alarm \u201Ccatastrophe\u201D\n- Part 3: persuasive, sentiment -0.10\n",
                    [],
                    "tone"),
                new BriefingSection(
                    "perspective",
                    "Perspective",
                    JsonSerializer.SerializeToElement(new[] { new PerspectiveReport(0, "first-person advocacy", 0.3, ["obviously", "everyone knows"], ["Consumers facing higher bills"]) }),
                    "- Part 1: first-person advocacy, balance 30%\n  - Bias cues: obviously; everyone knows\n  - Missing: Consumers facing higher bills\n",
                    [],
                    "perspectives"),
                new BriefingSection(
                    "entities",
                    "Entities",
                    JsonSerializer.SerializeToElement(new[] { new Entity("Claire Okafor", "person", 3), new Entity("National Grid", "organization", 2), new Entity("Tom Reyes", "person", 1), new Entity("29%", "number", 1) }),
                    "- **People:** Claire Okafor ×3, Tom Reyes\n- **Organizations:** National Grid ×2\n- **Numbers:** 29%\n",
                    [],
                    "entities"),
            ]);
    }
}
