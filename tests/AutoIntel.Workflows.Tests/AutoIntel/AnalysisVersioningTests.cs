using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.Runtime;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>Adding a declared analysis must not break instances that started before it: they finish on the path their history
/// recorded, and new instances get the analysis.</summary>
public sealed class AnalysisVersioningTests
{
    private static readonly string Podcast = RepoPaths.Sample("podcast-transcript.srt");

    [Fact]
    public async Task Resume_InstanceStartedBeforeTheAnalysisAndCutMidAnalyse_FinishesWithoutIt()
    {
        await using var harness = new AutoIntelHarness();

        // The deployment before the catalog (the workflow registered without a version), crashed in stage 5: every line from the
        // first summary call on is lost, so the new code schedules the rest itself.
        var (recorded, resumed, _) = await RecordCutAndResumeAsync(harness, version: "", "in-flight", cutAt: ActivityNames.SummarizeChunk);

        resumed.Version.Should().BeEmpty("the instance keeps the version it started with");
        resumed.Activities.Should().NotContain(a => a.Name == ActivityNames.AnalyseChunk);
        var briefing = await harness.BriefingOfAsync(resumed);
        briefing.Sections!.Where(s => s.JsonProperty is null).Should().BeEmpty();
        briefing.Claims.Select(c => c.Claim.Text).Should().Equal((await harness.BriefingOfAsync(recorded)).Claims.Select(c => c.Claim.Text));
    }

    [Fact]
    public async Task Resume_InstanceStartedBeforeBuiltInsWereDeclaredAndCutMidTone_FinishesOnTheLegacyActivities()
    {
        await using var harness = new AutoIntelHarness();

        // The deployment before the built-ins were declared (version 2, whose instances schedule AssessTone per chunk), crashed just
        // before the first tone call: everything from there on is lost, so the new code schedules the tone calls itself.
        var (recorded, resumed, chunks) = await RecordCutAndResumeAsync(harness, version: "2", "v2-in-flight", cutAt: ActivityNames.AssessTone);

        recorded.Activities.Count(a => a.Name == ActivityNames.AssessTone).Should().Be(chunks);
        resumed.Version.Should().Be("2");
        resumed.Activities.Count(a => a.Name == ActivityNames.AssessTone).Should().Be(chunks);
        resumed.Activities.Count(a => a.Name == ActivityNames.AnalyseChunk).Should().Be(chunks, "only loaded language, added in version 2, runs through AnalyseChunk");
        var briefing = await harness.BriefingOfAsync(resumed);
        var original = await harness.BriefingOfAsync(recorded);
        briefing.Section("tone")!.Data.GetRawText().Should().Be(original.Section("tone")!.Data.GetRawText());
        (await harness.JsonOfAsync(resumed)).Should().Contain("\"tone\":[{\"chunkIndex\":0,");
        (await harness.MarkdownOfAsync(resumed)).Should().Contain("## Tone\n\nOverall: **");
    }

    [Fact]
    public async Task Resume_InstanceStartedBeforeArgumentsAndFallaciesWereDeclaredAndCutMidFallacies_FinishesOnTheirLegacyActivities()
    {
        await using var harness = new AutoIntelHarness();

        // The deployment before arguments and fallacies were declared (version 3, whose instances schedule FindArguments and
        // FindFallacies per chunk while tone already runs through AnalyseChunk), crashed just before the first fallacies call.
        var (recorded, resumed, chunks) = await RecordCutAndResumeAsync(harness, version: "3", "v3-in-flight", cutAt: ActivityNames.FindFallacies);

        recorded.Activities.Count(a => a.Name == ActivityNames.FindFallacies).Should().Be(chunks);
        resumed.Version.Should().Be("3");
        resumed.Activities.Count(a => a.Name == ActivityNames.FindArguments).Should().Be(chunks);
        resumed.Activities.Count(a => a.Name == ActivityNames.FindFallacies).Should().Be(chunks);
        resumed.Activities.Count(a => a.Name == ActivityNames.AnalyseChunk).Should().Be(2 * chunks, "tone (declared in version 3) and loaded language run through AnalyseChunk");
        var briefing = await harness.BriefingOfAsync(resumed);
        var original = await harness.BriefingOfAsync(recorded);
        briefing.Section("fallacies")!.Data.GetRawText().Should().Be(original.Section("fallacies")!.Data.GetRawText());
        briefing.Section("arguments")!.Data.GetRawText().Should().Be(original.Section("arguments")!.Data.GetRawText());
        (await harness.JsonOfAsync(resumed)).Should().Contain("\"fallacies\":[{\"type\":");
        (await harness.MarkdownOfAsync(resumed)).Should().Contain("## Possible fallacies\n\n- **");
    }

    [Fact]
    public async Task Resume_InstanceStartedBeforeEntitiesWereDeclaredAndCutMidEntities_FinishesOnTheLegacyActivity()
    {
        await using var harness = new AutoIntelHarness();

        // The deployment before entities were declared (version 5, whose instances schedule ExtractEntities per chunk while every other
        // chunk analysis already runs through AnalyseChunk), crashed just before the first entities call.
        var (recorded, resumed, chunks) = await RecordCutAndResumeAsync(harness, version: "5", "v5-in-flight", cutAt: ActivityNames.ExtractEntities);

        recorded.Activities.Count(a => a.Name == ActivityNames.ExtractEntities).Should().Be(chunks);
        resumed.Version.Should().Be("5");
        resumed.Activities.Count(a => a.Name == ActivityNames.ExtractEntities).Should().Be(chunks);
        resumed.Activities.Count(a => a.Name == ActivityNames.AnalyseChunk).Should().Be(4 * chunks, "arguments, fallacies, tone and loaded language (perspective runs only deeper) run through AnalyseChunk");
        var briefing = await harness.BriefingOfAsync(resumed);
        var original = await harness.BriefingOfAsync(recorded);
        briefing.Section("entities")!.Data.GetRawText().Should().Be(original.Section("entities")!.Data.GetRawText());
        EntitiesAnalysis.In(briefing.Sections).Should().NotBeEmpty();
        (await harness.JsonOfAsync(resumed)).Should().Contain("\"entities\":[{\"name\":");
        (await harness.MarkdownOfAsync(resumed)).Should().Contain("## Entities\n\n- **");
    }

    [Fact]
    public async Task Resume_InstanceStartedBeforeTheSummaryWasDeclaredAndCutBeforeItsReduce_FinishesOnTheLegacyActivities()
    {
        // The same instance run whole on a harness of its own (its own memory), for the briefing the cut one must end with.
        await using var whole = new AutoIntelHarness();
        var wholeRuntime = whole.CreateRuntime(registry: new WorkflowRegistry().AddAutoIntel().AddWorkflow<AutoIntelWorkflow, AnalyzeRequest, RunResult>("6"));
        var uncut = await AutoIntelHarness.RunAsync(wholeRuntime, new AnalyzeRequest(Podcast, Depth.Standard), "v6-in-flight");
        var expected = Normalized(await whole.MarkdownOfAsync(uncut));
        await wholeRuntime.DisposeAsync();
        await using var harness = new AutoIntelHarness();

        // The deployment before the summary was declared (version 6, whose instances schedule SummarizeChunk per chunk and then one
        // ReduceSummary, while every other chunk analysis runs through AnalyseChunk), crashed just before the reduce call.
        var (recorded, resumed, chunks) = await RecordCutAndResumeAsync(harness, version: "6", "v6-in-flight", cutAt: ActivityNames.ReduceSummary);

        recorded.Activities.Count(a => a.Name == ActivityNames.ReduceSummary).Should().Be(1);
        resumed.Version.Should().Be("6");
        resumed.Activities.Count(a => a.Name == ActivityNames.SummarizeChunk).Should().Be(chunks);
        resumed.Activities.Count(a => a.Name == ActivityNames.ReduceSummary).Should().Be(1);
        resumed.Activities.Should().NotContain(a => a.Name == ActivityNames.ReduceChunks);
        resumed.Activities.Count(a => a.Name == ActivityNames.AnalyseChunk).Should().Be(5 * chunks, "arguments, fallacies, tone, entities and loaded language (perspective runs only deeper) run through AnalyseChunk");
        var briefing = await harness.BriefingOfAsync(resumed);
        var original = await harness.BriefingOfAsync(recorded);
        briefing.Section("summary")!.Data.GetRawText().Should().Be(original.Section("summary")!.Data.GetRawText());
        SummaryAnalysis.In(briefing.Sections).Text.Should().NotBeNullOrWhiteSpace();
        (await harness.JsonOfAsync(resumed)).Should().Contain("\"summary\":{\"text\":\"");
        var markdown = await harness.MarkdownOfAsync(resumed);
        markdown.Should().Contain("## Summary\n\n").And.Contain("**Key points**\n\n- ");
        markdown.IndexOf("## Summary", StringComparison.Ordinal).Should().BeLessThan(markdown.IndexOf("## Claims", StringComparison.Ordinal));
        Normalized(markdown).Should().Be(expected, "the resumed run's briefing is the one the uncut run wrote");
    }

    // The report up to its cost and timing (which differ between two runs), without the creation time.
    private static string Normalized(string markdown) =>
        System.Text.RegularExpressions.Regex.Replace(markdown.Split("## Cost and timing")[0], @"\*\*Created:\*\* [0-9: -]+ UTC", "<created>");

    [Fact]
    public async Task Run_NewInstance_RecordsTheNewInstanceVersionAndRunsEveryDeclaredAnalysisPerChunk()
    {
        await using var harness = new AutoIntelHarness();

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Standard));

        var briefing = await harness.BriefingOfAsync(status);
        var declared = AnalysisCatalog.All.Where(a => a.RunsAt(Depth.Standard, AnalysisCatalog.NewInstanceVersion)).ToList();
        declared.Should().Contain(a => a.Name == "loaded_language");
        status.Version.Should().Be(AnalysisCatalog.NewInstanceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        status.Activities.Should().NotContain(a => a.Name == ActivityNames.FindArguments || a.Name == ActivityNames.FindFallacies || a.Name == ActivityNames.AssessTone);
        status.Activities.Count(a => a.Name == ActivityNames.AnalyseChunkToStore)
            .Should().Be(declared.Count * status.Activities.Count(a => a.Name == ActivityNames.ExtractChunkClaims));
        briefing.Sections!.Select(s => s.Name).Should().Equal(
            AnalysisCatalog.All.Where(a => a.IsBuiltIn).Concat(declared.Where(a => !a.IsBuiltIn)).Select(a => a.Name),
            "built-in sections are always there (read back from briefing.json, their top-level properties come before sections[])");
        var loaded = briefing.Sections!.Single(s => s.Name == "loaded_language");
        loaded.Fields.Should().Contain(f => f.Name.StartsWith("\u201Cso-called\u201D", StringComparison.Ordinal) && f.Value.Contains("Don't let the so-called experts", StringComparison.Ordinal));
        var markdown = System.Text.Encoding.UTF8.GetString(await harness.Artifacts.GetAsync($"runs/{status.InstanceId}/briefing.md"));
        markdown.Should().Contain("## Loaded language\n\n- **\u201Cso-called\u201D** (pejorative)");
        var json = System.Text.Encoding.UTF8.GetString(await harness.Artifacts.GetAsync($"runs/{status.InstanceId}/briefing.json"));
        json.Should().Contain("\"name\":\"loaded_language\"").And.Contain("\"term\":\"so-called\"");
    }

    [Fact]
    public async Task Run_QuickDepth_SkipsTheAnalysisAndSaysSo()
    {
        await using var harness = new AutoIntelHarness();

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        status.Activities.Count(a => a.Name == ActivityNames.AnalyseChunkToStore).Should().Be(
            2 * status.Activities.Count(a => a.Name == ActivityNames.ExtractChunkClaims), "summary and entities are the only declared analyses that run at quick depth");
        briefing.Sections!.Where(s => s.JsonProperty is null).Should().BeEmpty();
        briefing.Notes.Should().Contain(n => n.StartsWith("Not run at this depth:", StringComparison.Ordinal) && n.Contains("loaded language", StringComparison.Ordinal));
    }

    // Runs the podcast at standard depth on a deployment that registered the workflow under `version`, cuts the history just before the
    // first call of `cutAt` (a crash there), and resumes it under today's registration; the resumed run must complete.
    private static async Task<(InstanceStatus Recorded, InstanceStatus Resumed, int Chunks)> RecordCutAndResumeAsync(
        AutoIntelHarness harness, string version, string instanceId, string cutAt)
    {
        var before = harness.CreateRuntime(registry: new WorkflowRegistry().AddAutoIntel().AddWorkflow<AutoIntelWorkflow, AnalyzeRequest, RunResult>(version));
        var recorded = await AutoIntelHarness.RunAsync(before, new AnalyzeRequest(Podcast, Depth.Standard), instanceId);
        await before.DisposeAsync();
        var path = ((FileHistoryStore)harness.History).PathOf(instanceId);
        var lines = await File.ReadAllLinesAsync(path);
        var cut = Array.FindIndex(lines, l => l.Contains("\"type\":\"taskScheduled\"", StringComparison.Ordinal) && l.Contains($"\"name\":\"{cutAt}\"", StringComparison.Ordinal));
        cut.Should().BePositive();
        await File.WriteAllLinesAsync(path, lines[..cut]);

        var after = harness.CreateRuntime();
        (await after.ResumeAsync(instanceId, CancellationToken.None)).Should().BeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var resumed = await after.WaitForCompletionAsync(instanceId, timeout.Token);

        resumed.RuntimeStatus.Should().Be(RuntimeStatus.Completed, resumed.Failure?.Message);
        return (recorded, resumed, recorded.Activities.Count(a => a.Name == ActivityNames.SummarizeChunk));
    }
}
