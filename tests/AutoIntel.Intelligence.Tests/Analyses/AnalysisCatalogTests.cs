using AutoIntel.Core.Runs;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Intelligence.Routing;
using AutoIntel.TestKit;

namespace AutoIntel.Intelligence.Tests.Analyses;

public sealed class AnalysisCatalogTests : IAsyncLifetime
{
    private static readonly Chunk Chunk = new(2, "one two three four", 4);
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void All_DeclaredAnalyses_AreValidOrderedByPositionVersionThenNameAndSetTheNewInstanceVersion()
    {
        AnalysisCatalog.Validate(AnalysisCatalog.All).Should().BeSameAs(AnalysisCatalog.All);
        AnalysisCatalog.All.Select(a => (a.Position, a.SinceVersion, a.Name)).Should().BeInAscendingOrder();
        AnalysisCatalog.NewInstanceVersion.Should().Be(new[] { AnalysisCatalog.All.Max(a => a.DeclaredSince), WorkflowVersions.ClaimsByReference, WorkflowVersions.SectionsByReference }.Max());
        TaskTypes.All.Should().StartWith(TaskTypes.BuiltIn).And.EndWith(AnalysisCatalog.All.Where(a => !a.IsBuiltIn).Select(a => a.Name));
    }

    [Theory]
    [InlineData("Counted Words", 2, null, "snake_case")]
    [InlineData("tone", 2, null, "built-in task type")]
    [InlineData("counted_words", 1, null, "SinceVersion must be above 1")]
    [InlineData("counted_words", 2, "other_task", "prompt's task type is 'other_task'")]
    public void Validate_BrokenDeclaration_RefusedNamingTheAnalysisAndTheRule(string name, int since, string? promptTask, string rule)
    {
        var act = () => AnalysisCatalog.Validate([new CountedWordsAnalysis(name, since, promptTask)]);

        act.Should().Throw<InvalidOperationException>().WithMessage($"Analysis '{name}' (CountedWordsAnalysis): *{rule}*");
    }

    [Fact]
    public void Validate_SameNameTwice_Refused()
    {
        var act = () => AnalysisCatalog.Validate([new CountedWordsAnalysis(), new CountedWordsAnalysis()]);

        act.Should().Throw<InvalidOperationException>().WithMessage("*declared twice*");
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    public void ParseVersion_RecordedVersion_AsNumberWithUnversionedAsOne(string recorded, int expected) =>
        AnalysisCatalog.ParseVersion(recorded).Should().Be(expected);

    [Theory]
    [InlineData("0")]
    [InlineData("v2")]
    public void ParseVersion_NotAVersion_OneLineError(string recorded)
    {
        var act = () => AnalysisCatalog.ParseVersion(recorded);

        act.Should().Throw<FormatException>().WithMessage($"'{recorded}' is not an /autointel workflow version*");
    }

    [Theory]
    [InlineData(Depth.Quick, 2, false)]
    [InlineData(Depth.Standard, 1, false)]
    [InlineData(Depth.Standard, 2, true)]
    [InlineData(Depth.Experimental, 3, true)]
    public void RunsAt_DepthAndRecordedVersion_BothMustReachTheDeclaration(Depth depth, int version, bool runs) =>
        new CountedWordsAnalysis().RunsAt(depth, version).Should().Be(runs);

    [Fact]
    public async Task AnalyseAsync_Offline_ResultTravelsAsJsonAndPresentsAsASection()
    {
        var analysis = new CountedWordsAnalysis();

        var result = await analysis.AnalyseAsync(new OfflineAnalyzer(), Request(), Chunk);
        var section = analysis.Present([result.Value, result.Value]);

        result.Value.GetInt32().Should().Be(4);
        result.Degraded.Should().BeNull();
        section.Name.Should().Be("counted_words");
        section.Title.Should().Be("Counted words");
        section.Data.GetProperty("words").GetInt32().Should().Be(8);
        section.Markdown.Should().Be("8 words in 2 parts");
        section.Fields.Should().ContainSingle(f => f.Name == "Words" && f.Value == "8");
    }

    [Fact]
    public async Task AnalyseAsync_ModelAnswersWithTheExample_ServedUnderTheAnalysisSchema()
    {
        var analysis = new CountedWordsAnalysis();
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json(analysis.ExampleAnswer);

        var result = await analysis.AnalyseAsync(h.Analyzer, Request(), Chunk);

        result.Value.GetInt32().Should().Be(7);
        result.Degraded.Should().BeNull();
        _server.ChatRequests.Should().ContainSingle().Which.SchemaName.Should().Be("counted_words");
    }

    [Fact]
    public async Task AnalyseAsync_ModelOutputInvalid_OfflineHeuristicStandsInMarkedDegraded()
    {
        var analysis = new CountedWordsAnalysis();
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json("""{"words":-5,"ignoredInstructions":[]}""");

        var result = await analysis.AnalyseAsync(h.Analyzer, Request(), Chunk);

        result.Degraded.Should().Be(LlmContentAnalyzer.InvalidOutputReason);
        result.Value.GetInt32().Should().Be(4, "the stub offline analyzer runs the declaration's own heuristic");
    }

    [Fact]
    public void ExpectedOutputTokens_ExplainerFallsBackToTheCatalog()
    {
        foreach (var analysis in AnalysisCatalog.All)
        {
            ModelsExplainer.ExpectedOutputTokens(analysis.TaskType).Should().Be(analysis.ExpectedOutputTokens, analysis.Name);
        }
    }

    private static AnalysisRequest Request() => new("run-1", "local", Depth.Standard);
}
