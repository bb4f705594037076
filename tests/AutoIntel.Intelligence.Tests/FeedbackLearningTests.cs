using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Routing;
using AutoIntel.TestKit;

namespace AutoIntel.Intelligence.Tests;

/// <summary>Which model answered is recorded with each result, and explicit feedback moves the router's learned quality.</summary>
public sealed class FeedbackLearningTests : IAsyncLifetime
{
    private static readonly Chunk Chunk = new(0, "Water boils at 100 C at sea level. Everyone knows that.", 14);
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Analyze_ModelServed_RecordsTheModelAndPromptSize()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = FakeAnalyst.Answer;

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), GatewayTests.Request(), Chunk);

        result.Model.Should().NotBeNull();
        result.Model!.Task.Should().Be(TaskTypes.Summary);
        result.Model.Model.Should().Be(_server.ChatRequests[^1].Model);
        result.Model.PromptTokens.Should().BePositive();
        result.Model.Answers.Should().Be(1);
    }

    [Fact]
    public async Task Analyze_InvalidOutputEverywhere_RecordsAnAnswerNoModelGave()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json("""{"keyPoints":"not a list","ignoredInstructions":[]}""");

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), GatewayTests.Request(), Chunk);

        result.Model.Should().Be(new Core.Runs.ModelUse(TaskTypes.Summary, null, 0, 1));
    }

    [Fact]
    public async Task RecordFeedbackAsync_DownThenReplacedByUp_MovesTheMeanWithoutAddingAPull()
    {
        var store = new TestArtifactStore();
        await using var h = new GatewayHarness(_server, store: store);
        string bucket = BanditLearner.BucketFor(2000);
        double prior = h.Learner.Mean(TaskTypes.Fallacies, bucket, "cheap", 0.87);

        (await h.Gateway.RecordFeedbackAsync(TaskTypes.Fallacies, 2000, "cheap", 0)).Should().BeTrue();
        double down = h.Learner.Mean(TaskTypes.Fallacies, bucket, "cheap", 0.87);
        await h.Gateway.RecordFeedbackAsync(TaskTypes.Fallacies, 2000, "cheap", 1, replacing: 0);
        double up = h.Learner.Mean(TaskTypes.Fallacies, bucket, "cheap", 0.87);
        await h.Gateway.RecordFeedbackAsync(TaskTypes.Fallacies, 2000, "cheap", null, replacing: 1);
        double withdrawn = h.Learner.Mean(TaskTypes.Fallacies, bucket, "cheap", 0.87);

        down.Should().BeLessThan(prior);
        up.Should().BeGreaterThan(prior);
        withdrawn.Should().BeApproximately(prior, 1e-12, "taking the only feedback back leaves the prior");
        h.Learner.Snapshot().Arms.Single().Pulls.Should().Be(0);
        store.Paths.Should().Contain(BanditLearner.StatePath);
    }

    [Fact]
    public async Task RecordFeedbackAsync_ModelNotInCatalog_LearnsNothing()
    {
        await using var h = new GatewayHarness(_server);

        (await h.Gateway.RecordFeedbackAsync(TaskTypes.Fallacies, 2000, "retired-model", 0)).Should().BeFalse();

        h.Learner.Snapshot().Arms.Should().BeEmpty();
    }

    [Fact]
    public async Task Decide_AfterNegativeFeedbackOnTheWinner_RoutesToTheOtherModel()
    {
        await using var h = new GatewayHarness(_server);
        var request = new RoutingRequest(TaskTypes.Fallacies, 2000, 300, Core.Runs.Depth.Standard, 1m, Explore: false);
        string before = h.Router.Decide(request).Winner!.Model.Id;

        for (int i = 0; i < 30; i++)
        {
            await h.Gateway.RecordFeedbackAsync(TaskTypes.Fallacies, 2000, before, 0);
        }

        h.Router.Decide(request).Winner!.Model.Id.Should().NotBe(before, "readers' 👎 lowered its learned quality below the floor");
    }
}
