using System.Text.Json;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;
using AutoIntel.Core;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Memory.Recall;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Brief;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>From <see cref="WorkflowVersions.ClaimsByReference"/> extracted claims travel as artifacts, not in the history; the
/// briefing is the same, and instances started before it finish on the inline path their history recorded.</summary>
public sealed class ClaimsByReferenceTests
{
    private static readonly string Podcast = RepoPaths.Sample("podcast-transcript.srt");
    private static readonly string Before = (Intelligence.Analyses.WorkflowVersions.ClaimsByReference - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Run_NewInstance_ClaimsInArtifactsNotInTheHistory_SameBriefingAsInline()
    {
        await using var inlineHarness = new AutoIntelHarness();
        var inline = await AutoIntelHarness.RunAsync(inlineHarness.CreateRuntime(registry: Registry(Before)), new AnalyzeRequest(Podcast, Depth.Standard), "inline");
        await using var harness = new AutoIntelHarness();

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Standard), "by-reference");

        var briefing = await harness.BriefingOfAsync(status);
        var expected = await inlineHarness.BriefingOfAsync(inline);
        briefing.Claims.Should().Contain(c => !c.WasChecked, "the sample has more claims than the standard depth checks");
        Json(briefing.Claims).Should().Be(Json(expected.Claims));
        Json(briefing.Memory).Should().Be(Json(expected.Memory), "neither path remembers not-checked claims");
        briefing.Notes.Should().Equal(expected.Notes);
        status.Activities.Should().NotContain(a => a.Name == ActivityNames.ExtractClaims);
        status.Activities.Count(a => a.Name == ActivityNames.ExtractChunkClaims).Should().Be(status.Activities.Count(a => a.Name == ActivityNames.AnalyseChunkToStore) / global::AutoIntel.Intelligence.Analyses.AnalysisCatalog.Scheduled(Depth.Standard, global::AutoIntel.Intelligence.Analyses.AnalysisCatalog.NewInstanceVersion).Count, "each chunk once for claims and once per declared analysis");
        status.Activities.Count(a => a.Name == ActivityNames.SelectClaims).Should().Be(1);
        inline.Activities.Should().NotContain(a => a.Name == ActivityNames.SelectClaims);
        var history = await File.ReadAllTextAsync(((FileHistoryStore)harness.History).PathOf("by-reference"));
        var notCheckedVerdict = $"\"method\":\"{ClaimVerdict.NotCheckedMethod}\"";
        history.Should().NotContain(notCheckedVerdict);
        (await File.ReadAllTextAsync(((FileHistoryStore)inlineHarness.History).PathOf("inline"))).Should().Contain(notCheckedVerdict);
        (await harness.Artifacts.GetTextAsync(RunPaths.NotCheckedClaims("by-reference"))).Should().Contain(notCheckedVerdict);
    }

    [Fact]
    public async Task Resume_InstanceStartedBeforeAndCutMidExtraction_FinishesInline()
    {
        await using var harness = new AutoIntelHarness();
        var before = harness.CreateRuntime(registry: Registry(Before));
        var recorded = await AutoIntelHarness.RunAsync(before, new AnalyzeRequest(Podcast, Depth.Standard), "in-flight");
        var expected = await harness.BriefingOfAsync(recorded);
        await before.DisposeAsync();

        // Crash in stage 6: every line from the first claim extraction on is lost.
        var resumed = await harness.CutAndResumeAsync("in-flight", ActivityNames.ExtractClaims);

        resumed.RuntimeStatus.Should().Be(RuntimeStatus.Completed, resumed.Failure?.Message);
        resumed.Version.Should().Be(Before);
        resumed.Activities.Should().NotContain(a => a.Name == ActivityNames.ExtractChunkClaims || a.Name == ActivityNames.SelectClaims);
        var briefing = await harness.BriefingOfAsync(resumed);
        briefing.Claims.Select(c => (c.Claim.Text, c.Method)).Should().Equal(expected.Claims.Select(c => (c.Claim.Text, c.Method)));
    }

    [Fact]
    public async Task Run_NotCheckedClaims_NotRememberedAsVerdicts()
    {
        await using var harness = new AutoIntelHarness();

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick), "quick");

        var briefing = await harness.BriefingOfAsync(status);
        var stats = await harness.Services.GetRequiredService<IMemoryRecall>().StatsAsync("local");
        briefing.Claims.Count(c => !c.WasChecked).Should().BePositive();
        stats.Claims.Should().Be(briefing.Claims.Count(c => c.WasChecked));
        briefing.Memory.ItemsStored.Should().Be((int)(stats.Passages + stats.Claims + stats.Runs));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(3_000)]
    public async Task ComposeBriefing_NotCheckedByReference_SameFilesAsListedInline_ReportCapped(int notChecked)
    {
        await using var harness = new AutoIntelHarness();
        var (briefing, listed) = await BriefingWithNotCheckedAsync(harness, "compose", notChecked);
        var all = briefing with { Claims = [.. briefing.Claims, .. listed] };

        var stored = await new ComposeBriefing(harness.Artifacts).RunAsync(
            new ActivityContext("compose", ActivityNames.ComposeBriefing, 1, CancellationToken.None),
            new ComposeBriefingInput(briefing, notChecked == 0 ? null : await harness.Artifacts.PutJsonAsync(RunPaths.NotCheckedClaims("compose"), listed)));

        using var json = new MemoryStream();
        await BriefingJson.WriteAsync(json, all);
        (await harness.Artifacts.GetAsync(stored.Json.Path)).Should().Equal(json.ToArray());
        (await harness.Artifacts.GetTextAsync(RunPaths.Stage("compose", "fact-check"))).Should().Be(Json(all.Claims));
        var md = await harness.Artifacts.GetTextAsync(stored.Markdown.Path);
        md.Should().Be(MarkdownBriefingRenderer.Render(all));
        var unlisted = notChecked - Math.Min(notChecked, MarkdownBriefingRenderer.NotCheckedListed);
        if (unlisted > 0)
        {
            md.Should().Contain($"{unlisted:N0} more claim").And.NotContain(listed[^1].Claim.Text);
        }
        else
        {
            md.Should().NotContain("more claims were found but not checked");
        }
    }

    [Fact]
    public async Task ComposeBriefing_MalformedNotCheckedArtifact_ClearError()
    {
        await using var harness = new AutoIntelHarness();
        var (briefing, _) = await BriefingWithNotCheckedAsync(harness, "malformed", 0);
        var path = RunPaths.NotCheckedClaims("malformed");
        await harness.Artifacts.PutTextAsync(path, "[{\"claim\":{\"id\":\"a\",\"text\":\"x\"},\"verdict\":\"unverified\"}, {\"claim\": tru", ArtifactStoreExtensions.JsonMediaType);

        Func<Task> compose = () => new ComposeBriefing(harness.Artifacts).RunAsync(
            new ActivityContext("malformed", ActivityNames.ComposeBriefing, 1, CancellationToken.None),
            new ComposeBriefingInput(briefing, new ArtifactRef(path, 10, ArtifactStoreExtensions.JsonMediaType)));

        await compose.Should().ThrowAsync<InvalidDataException>().WithMessage($"Artifact '{path}' is not a valid JSON list of ClaimVerdict*");
    }

    // A real run's briefing with its checked claims only, and that many not-checked claims made up for it.
    private static async Task<(Briefing Briefing, List<ClaimVerdict> NotChecked)> BriefingWithNotCheckedAsync(AutoIntelHarness harness, string runId, int count)
    {
        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick), runId + "-source");
        var briefing = await harness.BriefingOfAsync(status);
        var speakers = briefing.Claims.Select(c => c.Claim.Speaker).Distinct().ToList();
        List<ClaimVerdict> notChecked = [.. Enumerable.Range(0, count).Select(i =>
        {
            var text = $"Claim {i}: heat pumps \u201Cwork\u201D in {i % 7} of 10 homes \U0001F3E0.";
            return ClaimVerdict.NotChecked(new Claim(ClaimId.From(text), text, i / 50, 0.3, speakers[i % speakers.Count]), "quick", 5);
        })];
        return (briefing with { RunId = runId, Claims = [.. briefing.Claims.Where(c => c.WasChecked)] }, notChecked);
    }

    private static WorkflowRegistry Registry(string version) =>
        new WorkflowRegistry().AddAutoIntel().AddWorkflow<AutoIntelWorkflow, AnalyzeRequest, RunResult>(version);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, AutoIntelJson.Options);
}
