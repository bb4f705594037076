using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Quality;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Workflows.Tests.AutoIntel.Quality;

/// <summary>Report figures from seeded runs: real briefing and feedback artifacts in a store, instances as the runtime lists them.</summary>
public sealed class RunReportBuilderTests
{
    private static readonly DateTime Since = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Until = Since.AddDays(7);
    private readonly InMemoryArtifactStore _store = new();
    private readonly List<InstanceStatus> _runs = [];

    [Fact]
    public async Task BuildAsync_SeededWeek_CountsOutcomesDegradationsCostAndQuality()
    {
        await CompletedAsync("r1", Since.AddHours(1), new Usage(10, 5000, 1000, 0.0500m, 4, 0.0200m),
            models: [new("fallacies", "cheap", 900, 3), new("fallacies", null, 0, 1), new(FeedbackRewards.ClaimVerificationTask, "strong", 400, 2)],
            claims: [Verdict("a", "strong", evidence: 2), Verdict("b", "strong", evidence: 0)],
            degraded: [new SectionDegradation("fallacies", "model output invalid")]);
        await CompletedAsync("r2", Since.AddDays(2), new Usage(4, 2000, 500, 0.0100m, 1, 0.0050m),
            models: [new("fallacies", "cheap", 800, 4)],
            claims: [],
            degraded: [new SectionDegradation("fallacies", "budget exhausted"), new SectionDegradation("tone", "analysis failed (x)", Failed: true)]);
        Failed("r3", Since.AddDays(3), "The link was refused: private address.\nat somewhere");
        Failed("r4", Since.AddDays(4), "The link was refused: private address.");
        Add("r5", Since.AddDays(5), RuntimeStatus.Running);
        Add("old", Since.AddDays(-1), RuntimeStatus.Completed);
        _runs.Add(Status("autointel-weekly-report", QualityNames.WeeklyReport, Since.AddDays(1), RuntimeStatus.Running));
        var feedback = new FeedbackStore(_store);
        await feedback.UpdateAsync("g1", "r1", "u1", _ => new RunFeedback("r1", "g1", "u1", FeedbackVote.Up, ["b"], DateTimeOffset.UnixEpoch));
        await feedback.UpdateAsync("g1", "r1", "u2", _ => new RunFeedback("r1", "g1", "u2", FeedbackVote.Down, [], DateTimeOffset.UnixEpoch));
        await feedback.UpdateAsync("g1", "old", "u1", _ => new RunFeedback("old", "g1", "u1", FeedbackVote.Down, [], DateTimeOffset.UnixEpoch));

        RunReport report = await Builder().BuildAsync(Since, Until);

        (report.Runs, report.Completed, report.Failed, report.Unfinished).Should().Be((5, 2, 2, 1));
        report.Failures.Should().Equal(new Tally("The link was refused: private address.", 2));
        report.DegradedSections.Should().Equal(new Tally("fallacies", 2), new Tally("tone", 1));
        report.DegradedRuns.Should().Be(2);
        report.Cost.Should().Be(new Usage(14, 7000, 1500, 0.0600m, 5, 0.0250m));

        AnalysisQuality fallacies = report.Quality.Single(q => q.Task == "fallacies");
        fallacies.Answers.Should().Be(8);
        fallacies.ValidOutputRate.Should().Be(7.0 / 8);
        fallacies.EvidenceCoverage.Should().BeNull();
        fallacies.Feedback.Should().Be(0.5, "one 👍 and one 👎 on r1; feedback on the run outside the window is ignored");
        fallacies.FeedbackCount.Should().Be(2);
        fallacies.Score.Should().BeApproximately(((7.0 / 8) + 0.5) / 2, 1e-9);

        AnalysisQuality verification = report.Quality.Single(q => q.Task == FeedbackRewards.ClaimVerificationTask);
        verification.ValidOutputRate.Should().Be(1);
        verification.EvidenceCoverage.Should().Be(0.5);
        verification.Feedback.Should().Be(0, "u1 marked a verdict wrong (overriding their 👍) and u2 gave 👎");
        verification.Score.Should().BeApproximately(0.5, 1e-9);
        report.ToText().Should().Contain("Runs: 5 (2 completed, 2 failed, 1 unfinished)").And.Contain("fallacies ×2").And.Contain("$0.0600").And.Contain("saved $0.0250");
    }

    [Fact]
    public async Task BuildAsync_BriefingGone_StillCountsTheRunAndItsCost()
    {
        await CompletedAsync("r1", Since.AddHours(1), new Usage(1, 10, 10, 0.0010m, 0), [], [], []);
        await _store.DeletePrefixAsync("runs/r1/");

        RunReport report = await Builder().BuildAsync(Since, Until);

        (report.Runs, report.Completed).Should().Be((1, 1));
        report.Cost.Usd.Should().Be(0.0010m);
        report.Quality.Should().BeEmpty();
        report.ToText().Should().Contain("no model answers or feedback");
    }

    [Fact]
    public async Task BuildAsync_BriefingNotABriefing_SkippedNotThrown()
    {
        await CompletedAsync("r1", Since.AddHours(1), new Usage(1, 10, 10, 0.0010m, 0), [], [], []);
        await _store.PutAsync(RunPaths.BriefingJson("r1"), "{\"runId\": 7"u8.ToArray(), "application/json");

        RunReport report = await Builder().BuildAsync(Since, Until);

        (report.Runs, report.Completed).Should().Be((1, 1), "an unreadable briefing costs the report its sections, not the report");
    }

    [Fact]
    public void Briefing_WrittenBeforeRelatedSourcesHadAScore_StillReads()
    {
        string older = """{"graphNodes":1,"graphEdges":2,"relatedSources":["/samples/a.srt"]}""";
        string now = JsonSerializer.Serialize(new RelatedSource("/samples/b.srt", 0.25), AutoIntelJson.Options);

        JsonSerializer.Deserialize<MemoryReport>(older, AutoIntelJson.Options)!.RelatedSources.Should().Equal(new RelatedSource("/samples/a.srt", 0));
        JsonSerializer.Deserialize<RelatedSource>(now, AutoIntelJson.Options).Should().Be(new RelatedSource("/samples/b.srt", 0.25));
        now.Should().Be("""{"source":"/samples/b.srt","similarity":0.25}""");
    }

    private RunReportBuilder Builder() => new(new ListedRuns(_runs), _store, new FeedbackStore(_store), NullLogger<RunReportBuilder>.Instance);

    private async Task CompletedAsync(string id, DateTime created, Usage cost, IReadOnlyList<ModelUse> models, IReadOnlyList<ClaimVerdict> claims, IReadOnlyList<SectionDegradation> degraded)
    {
        var briefing = new Briefing(id, "t", "s", Depth.Standard, created, claims, MemoryReport.Empty, cost, [], [], null, degraded, Models: models);
        ArtifactRef json = await _store.PutAsync(RunPaths.BriefingJson(id), JsonSerializer.SerializeToUtf8Bytes(briefing, AutoIntelJson.Options), "application/json");
        var result = new RunResult(id, json, json, claims.Count, cost, []);
        _runs.Add(Status(id, WorkflowNames.AutoIntel, created, RuntimeStatus.Completed) with { Output = JsonSerializer.SerializeToElement(result, AutoIntelJson.Options) });
    }

    private void Failed(string id, DateTime created, string message) =>
        _runs.Add(Status(id, WorkflowNames.AutoIntel, created, RuntimeStatus.Failed) with { Failure = new FailureDetails("PermanentFailureException", message, true) });

    private void Add(string id, DateTime created, RuntimeStatus status) => _runs.Add(Status(id, WorkflowNames.AutoIntel, created, status));

    private static InstanceStatus Status(string id, string workflow, DateTime created, RuntimeStatus status) =>
        new(id, workflow, status, null, null, null, null, created, created, null, []);

    private static ClaimVerdict Verdict(string id, string model, int evidence) =>
        new(new Claim(id, $"claim {id}", 0, 0.5), Core.FactCheck.Verdict.Supported, 0.9, "r", [.. Enumerable.Range(0, evidence).Select(i => new Evidence("web", $"e{i}", 0.5))], model);

    private sealed class ListedRuns(IReadOnlyList<InstanceStatus> runs) : IRunLister
    {
        public Task<IReadOnlyList<InstanceStatus>> ListAsync(DateTime createdFromUtc, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<InstanceStatus>>([.. runs.Where(r => r.CreatedAtUtc >= createdFromUtc)]);
    }
}
