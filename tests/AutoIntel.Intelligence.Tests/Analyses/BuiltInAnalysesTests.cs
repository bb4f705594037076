using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Tests.Analyses;

/// <summary>The built-in analyses declared in the catalog keep what the briefing showed before they were declared: the same JSON
/// property and data, the same Markdown, the same task types and legacy activities for recorded histories.</summary>
public sealed class BuiltInAnalysesTests
{
    [Fact]
    public void Catalog_BuiltIns_KeepTheirTaskTypesDepthsAndLegacyActivities()
    {
        var builtIns = AnalysisCatalog.All.Where(a => a.IsBuiltIn).ToList();

        builtIns.Should().Contain(a => a.Name == "tone" && a.TaskType == TaskTypes.Tone && a.MinDepth == Depth.Standard && a.LegacyActivity == "AssessTone" && a.JsonProperty == "tone");
        builtIns.Should().Contain(a => a.Name == "perspective" && a.TaskType == TaskTypes.Perspective && a.MinDepth == Depth.Deep && a.LegacyActivity == "AssessPerspective" && a.JsonProperty == "perspectives");
        builtIns.Should().OnlyContain(a => a.SinceVersion == 1);
        AnalysisCatalog.LatestVersion.Should().BeGreaterThanOrEqualTo(AnalysisCatalog.BuiltInsDeclaredSince);
        TaskTypes.All.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Scheduled_BuiltInsFirstThenAddedOnes_EachInCatalogOrder()
    {
        var scheduled = AnalysisCatalog.Scheduled(Depth.Deep, AnalysisCatalog.LatestVersion);

        scheduled.TakeWhile(a => a.IsBuiltIn).Should().HaveCount(AnalysisCatalog.All.Count(a => a.IsBuiltIn));
        scheduled.Should().Contain(a => a.Name == "loaded_language");
        AnalysisCatalog.Scheduled(Depth.Quick, AnalysisCatalog.LatestVersion).Should().NotContain(a => a.Name == "tone" || a.Name == "perspective");
    }

    [Fact]
    public void Tone_Present_RendersTheOverallLabelAndEachPartAsTheBriefingDid()
    {
        ToneReport[] reports =
        [
            new(0, "persuasive", 0.4, [new ToneCue("persuasion", "we must")]),
            new(1, "alarmist", -0.6, [new ToneCue("alarm", "catastrophe")]),
            new(2, "persuasive", -0.1, []),
        ];

        var section = new ToneAnalysis().Present([.. reports.Select(r => JsonSerializer.SerializeToElement(r, AutoIntelJson.Options))]);

        section.Markdown.Should().Be(
            "Overall: **persuasive** (average sentiment -0.10)\n\n- Part 1: persuasive, sentiment +0.40; persuasion \u201Cwe must\u201D\n" +
            "- Part 2: alarmist, sentiment -0.60; alarm \u201Ccatastrophe\u201D\n- Part 3: persuasive, sentiment -0.10\n");
        section.Fields.Should().BeEmpty("tone has no Discord embed");
        section.JsonProperty.Should().Be("tone");
        section.Data.GetRawText().Should().Be(JsonSerializer.Serialize(reports, AutoIntelJson.Options), "the briefing's tone property keeps its shape");
    }

    [Fact]
    public void Perspective_Present_RendersEachPartWithCuesAndMissingViewpoints()
    {
        PerspectiveReport[] reports = [new(0, "first-person advocacy", 0.3, ["obviously", "everyone knows"], ["Consumers facing higher bills"])];

        var section = new PerspectiveAnalysis().Present([.. reports.Select(r => JsonSerializer.SerializeToElement(r, AutoIntelJson.Options))]);

        section.Markdown.Should().Be("- Part 1: first-person advocacy, balance 30%\n  - Bias cues: obviously; everyone knows\n  - Missing: Consumers facing higher bills\n");
        section.JsonProperty.Should().Be("perspectives");
        section.Data.GetRawText().Should().Be(JsonSerializer.Serialize(reports, AutoIntelJson.Options));
    }

    [Fact]
    public void Present_NoChunks_IsAnEmptySectionWithAnEmptyList()
    {
        foreach (var analysis in AnalysisCatalog.All.Where(a => a.Name is "tone" or "perspective"))
        {
            var section = analysis.Present([]);

            section.IsEmpty.Should().BeTrue(analysis.Name);
            section.Data.GetRawText().Should().Be("[]", analysis.Name);
        }
    }
}
