using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Offline;
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
        builtIns.Should().Contain(a => a.Name == "arguments" && a.TaskType == TaskTypes.ArgumentAnalysis && a.MinDepth == Depth.Standard && a.LegacyActivity == "FindArguments" && a.JsonProperty == "arguments");
        builtIns.Should().Contain(a => a.Name == "fallacies" && a.TaskType == TaskTypes.Fallacies && a.MinDepth == Depth.Standard && a.LegacyActivity == "FindFallacies" && a.JsonProperty == "fallacies");
        builtIns.Should().Contain(a => a.Name == "entities" && a.TaskType == TaskTypes.Entities && a.MinDepth == Depth.Quick && a.LegacyActivity == "ExtractEntities" && a.JsonProperty == "entities" && a.Position == 200);
        builtIns.Should().Contain(a => a.Name == "summary" && a.TaskType == TaskTypes.Summary && a.MinDepth == Depth.Quick && a.LegacyActivity == "SummarizeChunk"
            && a.LegacyReduceActivity == "ReduceSummary" && a.Reduces && a.Lead && a.JsonProperty == "summary" && a.Position == 10);
        builtIns.Should().OnlyContain(a => a.SinceVersion == 1);
        builtIns.Where(a => a.Name != "summary").Should().OnlyContain(a => !a.Reduces && !a.Lead && a.LegacyReduceActivity == null);
        builtIns.ToDictionary(a => a.Name, a => a.DeclaredSince).Should().Equal(new Dictionary<string, int> { ["summary"] = 8, ["arguments"] = 4, ["fallacies"] = 4, ["tone"] = 3, ["perspective"] = 3, ["entities"] = 6 });
        AnalysisCatalog.NewInstanceVersion.Should().Be(9, "sections by reference (WorkflowVersions.SectionsByReference, 9) came after the summary was declared at 8 (7 is left to another branch)");
        AnalysisCatalog.All[0].Name.Should().Be("summary", "it has always been scheduled, and shown, first");
        TaskTypes.All.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Scheduled_BuiltInsFirstThenAddedOnes_EachInCatalogOrder()
    {
        var scheduled = AnalysisCatalog.Scheduled(Depth.Deep, AnalysisCatalog.NewInstanceVersion);

        scheduled.TakeWhile(a => a.IsBuiltIn).Should().HaveCount(AnalysisCatalog.All.Count(a => a.IsBuiltIn));
        scheduled.Should().Contain(a => a.Name == "loaded_language");
        AnalysisCatalog.Scheduled(Depth.Quick, AnalysisCatalog.NewInstanceVersion).Should().NotContain(a => a.Name == "tone" || a.Name == "perspective");
    }

    [Fact]
    public void Entities_Present_MergesAcrossChunksByNameAndTypeAndRendersAsTheBriefingDid()
    {
        Entity[][] perChunk =
        [
            [new("Claire Okafor", "person", 2), new("National Grid", "organization", 2), new("29%", "number", 1)],
            [new("claire okafor ", "person", 1), new("Tom Reyes", "person", 1), new("Oslo", "place", 1), new("Oslo", "other", 1)],
        ];

        var section = new EntitiesAnalysis().Present([.. perChunk.Select(c => JsonSerializer.SerializeToElement(c, AutoIntelJson.Options))]);

        EntitiesAnalysis.In([section]).Should().Equal(
            new Entity("Claire Okafor", "person", 3), new Entity("National Grid", "organization", 2), new Entity("29%", "number", 1),
            new Entity("Oslo", "place", 1), new Entity("Oslo", "other", 1), new Entity("Tom Reyes", "person", 1));
        section.Markdown.Should().Be(
            "- **People:** Claire Okafor \u00D73, Tom Reyes\n- **Organizations:** National Grid \u00D72\n- **Places:** Oslo\n- **Numbers:** 29%\n- **Other:** Oslo\n");
        section.Fields.Should().BeEmpty("entities have no Discord embed");
        section.JsonProperty.Should().Be("entities");
        new EntitiesAnalysis().Present([]).Markdown.Should().BeEmpty("no entities, no heading");
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
    public void Arguments_Present_MergesChunksStrongestFirstAndRendersConclusionsWithPremisesAsTheBriefingDid()
    {
        Argument[][] perChunk =
        [
            [new("We must build more interconnectors", ["wind output varies with the weather"], "We must build more interconnectors because wind output varies with the weather.", 0, 0.6)],
            [new("Rents will keep rising", ["supply is short", "rates are up"], "Rents will keep rising because supply is short.", 1, 0.65, "Tom")],
        ];

        var section = new ArgumentsAnalysis().Present([.. perChunk.Select(a => JsonSerializer.SerializeToElement(a, AutoIntelJson.Options))]);

        section.Markdown.Should().Be(
            "- **Rents will keep rising** (strength 65%) \u2014 Tom\n  - because: supply is short\n  - because: rates are up\n" +
            "- **We must build more interconnectors** (strength 60%)\n  - because: wind output varies with the weather\n");
        section.Fields.Should().BeEmpty("arguments have no Discord embed");
        section.JsonProperty.Should().Be("arguments");
        section.Data.GetRawText().Should().Be(JsonSerializer.Serialize(new[] { perChunk[1][0], perChunk[0][0] }, AutoIntelJson.Options));
    }

    [Fact]
    public void Fallacies_Present_MostConfidentFirstInMarkdownAndTheTopThreeOnDiscordAsTheEmbedDid()
    {
        Fallacy[][] perChunk =
        [
            [new("slippery_slope", "First they ban gas boilers, next they will ban cars.", "Predicts a chain of consequences.", 0.45, 0), new("ad_hominem", "he is a fool", "Attacks the person.", 0.5, 0, "Graham")],
            [new("bandwagon", "everyone agrees", "Popularity is not proof.", 0.5, 1), new("straw_man", "they want no cars at all", "Distorts the view.", 0.4, 1)],
        ];

        var section = new FallaciesAnalysis().Present([.. perChunk.Select(f => JsonSerializer.SerializeToElement(f, AutoIntelJson.Options))]);

        section.Markdown.Should().StartWith(
            "- **Ad hominem** (50%): \u201Che is a fool\u201D \u2014 Graham \u2014 Attacks the person.\n" +
            "- **Bandwagon** (50%): \u201Ceveryone agrees\u201D \u2014 Popularity is not proof.\n" +
            "- **Slippery slope** (45%): \u201CFirst they ban gas boilers, next they will ban cars.\u201D \u2014 Predicts a chain of consequences.\n");
        section.Markdown.Should().Contain("Straw man");
        section.Fields.Select(f => (f.Name, f.Value)).Should().Equal(
            ("ad hominem \u00B7 50 %", "\u201Che is a fool\u201D (Graham) \u2014 Attacks the person."),
            ("bandwagon \u00B7 50 %", "\u201Ceveryone agrees\u201D \u2014 Popularity is not proof."),
            ("slippery slope \u00B7 45 %", "\u201CFirst they ban gas boilers, next they will ban cars.\u201D \u2014 Predicts a chain of consequences."));
        section.Title.Should().Be("Possible fallacies");
        section.JsonProperty.Should().Be("fallacies");
    }

    [Fact]
    public void Summary_Present_LeadsWithTheTextAndKeyPointsAsTheBriefingDid()
    {
        var summary = new Summary("- not a list | pipe `code` _under_", ["Wind supplied 29% of UK power in 2023.", "Storage remains the bottleneck."]);

        var section = new SummaryAnalysis().Present([JsonSerializer.SerializeToElement(summary, AutoIntelJson.Options)]);

        section.Data.GetRawText().Should().Be(JsonSerializer.Serialize(summary, AutoIntelJson.Options));
        section.JsonProperty.Should().Be("summary");
        section.Markdown.Should().Be("\\- not a list \\| pipe \\`code\\` \\_under\\_\n\n**Key points**\n\n- Wind supplied 29% of UK power in 2023.\n- Storage remains the bottleneck.\n");
        section.Lead.Should().Be(summary.Text, "the Discord header's description");
        section.Fields.Should().Equal(new Core.Briefings.SectionField("Key points", "\u2022 Wind supplied 29% of UK power in 2023.\n\u2022 Storage remains the bottleneck."));
        var empty = new SummaryAnalysis().Present([]);
        empty.Data.GetRawText().Should().Be("""{"text":"","keyPoints":[]}""", "a failed summary is the empty one, as the typed field was");
        empty.Markdown.Should().StartWith("_No summary was produced._");
        empty.Lead.Should().BeEmpty();
        empty.Fields.Should().BeEmpty();
    }

    [Fact]
    public void Summary_OfflineReduce_IsTheExtractiveReduceOfTheChunkKeyPoints()
    {
        var analysis = new SummaryAnalysis();
        ChunkSummary[] parts = [new(0, ["Wind supplied 29% of UK power in 2023 according to the figures."]), new(1, ["Storage remains the bottleneck for a grid that runs on renewables."])];

        var reduced = analysis.OfflineReduce(parts);

        reduced.Text.Should().Contain("Wind supplied 29%").And.Contain("Storage remains the bottleneck");
        analysis.ReduceInput(parts).Sections.Select(s => s.Label).Should().Equal("key points of part 1", "key points of part 2");
    }

    [Fact]
    public void Present_LongLists_ReportListsTheFirstHundredAndCountsTheRestWhileTheDataKeepsThemAll()
    {
        // A long transcript yields tens of thousands of arguments and parts: the report lists the first ones (strongest, most
        // confident, in order), the JSON all of them.
        static List<JsonElement> Each<T>(IEnumerable<T> perChunk) => [.. perChunk.Select(c => JsonSerializer.SerializeToElement(c, AutoIntelJson.Options))];
        var arguments = new ArgumentsAnalysis().Present(Each(Enumerable.Range(0, 250).Select(i => new[] { new Argument($"Conclusion {i}", [], "q", i, 1 - (i / 1000.0)) })));
        var fallacies = new FallaciesAnalysis().Present(Each(Enumerable.Range(0, 101).Select(i => new[] { new Fallacy("straw_man", $"Quote {i}", "e", 1 - (i / 1000.0), i) })));
        var tone = new ToneAnalysis().Present(Each(Enumerable.Range(0, 1_770).Select(i => new ToneReport(i, "calm", 0, []))));
        var perspective = new PerspectiveAnalysis().Present(Each(Enumerable.Range(0, 100).Select(i => new PerspectiveReport(i, "neutral", 0.5, [], []))));
        var entities = new EntitiesAnalysis().Present(Each(Enumerable.Range(0, 130).Select(i => new[] { new Entity($"Person {i:000}", "person", 1) })));

        arguments.Markdown.Should().Contain("**Conclusion 99**").And.NotContain("Conclusion 100").And.EndWith("\n_150 more arguments; briefing.json lists them all._\n");
        arguments.Data.GetArrayLength().Should().Be(250);
        fallacies.Markdown.Should().Contain("Quote 99").And.NotContain("Quote 100").And.EndWith("_1 more suspected fallacy; briefing.json lists them all._\n");
        fallacies.Data.GetArrayLength().Should().Be(101);
        tone.Markdown.Should().Contain("- Part 100: calm").And.NotContain("Part 101").And.EndWith("_1,670 more parts; briefing.json lists them all._\n");
        tone.Data.GetArrayLength().Should().Be(1_770);
        perspective.Markdown.Should().Contain("- Part 100: neutral").And.NotContain("more parts");
        entities.Markdown.Should().Contain("Person 099").And.NotContain("Person 100").And.EndWith(", and 30 more\n");
        entities.Data.GetArrayLength().Should().Be(130);
    }

    [Fact]
    public void Present_NoChunks_IsAnEmptySectionWithAnEmptyList()
    {
        foreach (var analysis in AnalysisCatalog.All.Where(a => a.IsBuiltIn && !a.Reduces))
        {
            var section = analysis.Present([]);

            section.IsEmpty.Should().BeTrue(analysis.Name);
            section.Data.GetRawText().Should().Be("[]", analysis.Name);
        }
    }

    public static TheoryData<string> EveryAnalysis => [.. AnalysisCatalog.All.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(EveryAnalysis))]
    public async Task WriteSectionAsync_SameBytesAsThePresentedSectionSerialized(string name)
    {
        // Chunks with speakers, quotes, loaded words, names, numbers and non-ASCII, so every section has data; and none at all.
        var analysis = AnalysisCatalog.Find(name)!;
        Chunk[] chunks =
        [
            new(0, "Tom: The grid is a disaster, so we must act now because costs rose 29% in Oslo. \"Everyone knows\" it's true — é 🏠.", 30),
            new(1, "Claire Okafor: Therefore the ban fails, since National Grid said so. Either we scrap it or we all freeze. <b>&</b>", 30),
        ];
        var request = new AnalysisRequest("run-1", "local", Depth.Deep);
        List<JsonElement> perChunk = [];
        foreach (var chunk in chunks)
        {
            perChunk.Add((await analysis.AnalyseAsync(new OfflineAnalyzer(), request, chunk)).Value);
        }

        if (analysis.Reduces)
        {
            perChunk = [(await analysis.ReduceAsync(new OfflineAnalyzer(), request, perChunk)).Value];
        }

        foreach (var results in new[] { perChunk, [] })
        {
            using var written = new MemoryStream();
            await analysis.WriteSectionAsync(written, new ElementResults(results));

            written.ToArray().Should().Equal(JsonSerializer.SerializeToUtf8Bytes(analysis.Present(results), AutoIntelJson.Options));
        }

        new[] { "[]", "{}", "null" }.Should().NotContain(analysis.Present(perChunk).Data.GetRawText(), "the sample gives every section data");
    }
}
