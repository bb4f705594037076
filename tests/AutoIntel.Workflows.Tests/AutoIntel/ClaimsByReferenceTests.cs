using System.Text.Json;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.Runtime;

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
        Json(briefing.Memory).Should().Be(Json(expected.Memory), "not-checked claims are remembered as before");
        briefing.Notes.Should().Equal(expected.Notes);
        status.Activities.Should().NotContain(a => a.Name == ActivityNames.ExtractClaims);
        status.Activities.Count(a => a.Name == ActivityNames.ExtractChunkClaims).Should().Be(status.Activities.Count(a => a.Name == ActivityNames.AnalyseChunk) / global::AutoIntel.Intelligence.Analyses.AnalysisCatalog.Scheduled(Depth.Standard, global::AutoIntel.Intelligence.Analyses.AnalysisCatalog.NewInstanceVersion).Count, "each chunk once for claims and once per declared analysis");
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

    private static WorkflowRegistry Registry(string version) =>
        new WorkflowRegistry().AddAutoIntel().AddWorkflow<AutoIntelWorkflow, AnalyzeRequest, RunResult>(version);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, AutoIntelJson.Options);
}
