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
        // The deployment before the catalog: the workflow registered without a version.
        var before = harness.CreateRuntime(registry: new WorkflowRegistry().AddAutoIntel().AddWorkflow<AutoIntelWorkflow, AnalyzeRequest, RunResult>());
        var recorded = await AutoIntelHarness.RunAsync(before, new AnalyzeRequest(Podcast, Depth.Standard), "in-flight");
        await before.DisposeAsync();
        var path = ((FileHistoryStore)harness.History).PathOf("in-flight");
        var lines = await File.ReadAllLinesAsync(path);
        // Crash in stage 5: every line from the first summary call on is lost, so the new code schedules the rest itself.
        var cut = Array.FindIndex(lines, l => l.Contains("\"type\":\"taskScheduled\"", StringComparison.Ordinal) && l.Contains("\"name\":\"SummarizeChunk\"", StringComparison.Ordinal));
        cut.Should().BePositive();
        await File.WriteAllLinesAsync(path, lines[..cut]);

        var after = harness.CreateRuntime();
        (await after.ResumeAsync("in-flight", CancellationToken.None)).Should().BeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var resumed = await after.WaitForCompletionAsync("in-flight", timeout.Token);

        resumed.RuntimeStatus.Should().Be(RuntimeStatus.Completed, resumed.Failure?.Message);
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
        // The deployment before the built-ins were declared: version 2, whose instances schedule AssessTone per chunk.
        var before = harness.CreateRuntime(registry: new WorkflowRegistry().AddAutoIntel().AddWorkflow<AutoIntelWorkflow, AnalyzeRequest, RunResult>("2"));
        var recorded = await AutoIntelHarness.RunAsync(before, new AnalyzeRequest(Podcast, Depth.Standard), "v2-in-flight");
        await before.DisposeAsync();
        var chunks = recorded.Activities.Count(a => a.Name == ActivityNames.SummarizeChunk);
        recorded.Activities.Count(a => a.Name == ActivityNames.AssessTone).Should().Be(chunks);
        var path = ((FileHistoryStore)harness.History).PathOf("v2-in-flight");
        var lines = await File.ReadAllLinesAsync(path);
        // Crash just before the first tone call: everything from there on is lost, so the new code schedules the tone calls itself.
        var cut = Array.FindIndex(lines, l => l.Contains("\"type\":\"taskScheduled\"", StringComparison.Ordinal) && l.Contains("\"name\":\"AssessTone\"", StringComparison.Ordinal));
        cut.Should().BePositive();
        await File.WriteAllLinesAsync(path, lines[..cut]);

        var after = harness.CreateRuntime();
        (await after.ResumeAsync("v2-in-flight", CancellationToken.None)).Should().BeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var resumed = await after.WaitForCompletionAsync("v2-in-flight", timeout.Token);

        resumed.RuntimeStatus.Should().Be(RuntimeStatus.Completed, resumed.Failure?.Message);
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
    public async Task Run_NewInstance_RecordsTheLatestVersionAndRunsEveryDeclaredAnalysisPerChunk()
    {
        await using var harness = new AutoIntelHarness();

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Standard));

        var briefing = await harness.BriefingOfAsync(status);
        var declared = AnalysisCatalog.All.Where(a => a.RunsAt(Depth.Standard, AnalysisCatalog.LatestVersion)).ToList();
        declared.Should().Contain(a => a.Name == "loaded_language");
        status.Version.Should().Be(AutoIntelWorkflow.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        status.Activities.Count(a => a.Name == ActivityNames.AnalyseChunk)
            .Should().Be(declared.Count * status.Activities.Count(a => a.Name == ActivityNames.SummarizeChunk));
        briefing.Sections!.Select(s => s.Name).Should().Equal(AnalysisCatalog.All.Where(a => a.IsBuiltIn || declared.Contains(a)).Select(a => a.Name), "built-in sections are always there");
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
        status.Activities.Count(a => a.Name == ActivityNames.AnalyseChunk).Should().Be(0, "no declared analysis runs at quick depth");
        briefing.Sections!.Where(s => s.JsonProperty is null).Should().BeEmpty();
        briefing.Notes.Should().Contain(n => n.StartsWith("Not run at this depth:", StringComparison.Ordinal) && n.Contains("loaded language", StringComparison.Ordinal));
    }
}
