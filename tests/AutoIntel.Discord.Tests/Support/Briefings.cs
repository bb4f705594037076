using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Intelligence.Analyses;

namespace AutoIntel.Discord.Tests.Support;

/// <summary>Briefings of chosen sizes.</summary>
public static class Briefings
{
    public static Briefing Small(string runId = "discord-1") => Make(runId, "A short talk", "The speaker argues that tea is good.", claims: 2, claimLength: 60);

    public static Briefing Oversized(string runId = "discord-2") =>
        Make(runId, new string('T', 400), string.Join(' ', Enumerable.Repeat("Summary sentence with words.", 600)), claims: 40, claimLength: 1500);

    public static Briefing Make(string runId, string title, string summary, int claims, int claimLength)
    {
        Verdict[] verdicts = Enum.GetValues<Verdict>();
        ClaimVerdict[] claimVerdicts = [.. Enumerable.Range(0, claims).Select(i => new ClaimVerdict(
            new Claim($"c{i}", $"CLAIM-{i:D2} " + string.Join(' ', Enumerable.Repeat("word", claimLength / 5)), 0, 1.0 - (i / 100.0)),
            verdicts[i % verdicts.Length],
            0.8,
            "Because the record says so.",
            [],
            "offline"))];
        return new Briefing(
            runId,
            title,
            "https://example.com/talk",
            Depth.Standard,
            DateTime.UtcNow,
            claimVerdicts,
            MemoryReport.Empty,
            new Usage(14, 1000, 500, 0.0123m, 3),
            [new StageTiming("acquire", 1200, 1), new StageTiming("analyse", 30_000, 12)],
            ["Verdicts are offline."],
            Sections: [SummarySection(new Summary(summary, ["Point one", "Point two"])), FallaciesSection(new Fallacy("ad_hominem", "he is a fool", "Attacks the person.", 0.7, 0), new Fallacy("slippery_slope", "then everything ends", "Unfounded chain.", 0.5, 0))]);
    }

    /// <summary>The summary section as the declared analysis presents this reduced summary.</summary>
    public static BriefingSection SummarySection(Summary summary) =>
        AnalysisCatalog.Find("summary")!.Present([JsonSerializer.SerializeToElement(summary, AutoIntelJson.Options)]);

    /// <summary>The fallacies section as the declared analysis presents these findings of one chunk (Markdown, data and Discord fields).</summary>
    public static BriefingSection FallaciesSection(params Fallacy[] found) =>
        AnalysisCatalog.Find("fallacies")!.Present([JsonSerializer.SerializeToElement(found, AutoIntelJson.Options)]);
}
