using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.TestKit;
using static AutoIntel.Intelligence.Tests.GatewayTests;

namespace AutoIntel.Intelligence.Tests;

/// <summary>The LLM verifier must cite the evidence it was given by id; a verdict that does not is set aside as unverified.</summary>
public sealed class VerifierCitationTests : IAsyncLifetime
{
    private static readonly Claim Bridge = new("c1", "The town council approved the new bridge in 2024.", 0, 0.9);

    private static readonly Evidence[] Found =
    [
        new("factcheck", "The town council approved the new bridge in 2024.", 0.9, "https://fullfact.org/bridge") { Publisher = "Full Fact", Rating = "False" },
        new("wikipedia", "The council approved the bridge in 2023.", 0.7, "https://en.wikipedia.org/wiki/Bridge") { Title = "Riverside Bridge" },
    ];

    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Verify_ModelCitesKnownIds_VerdictKeepsOnlyTheCitedEvidence()
    {
        _server.Chat = _ => Answer("refuted", """["E2"]""");
        await using var h = new GatewayHarness(_server);

        var result = await h.Analyzer.VerifyClaimAsync(Request(), Bridge, Found);

        result.Value.Verdict.Should().Be(Verdict.Refuted);
        result.Value.Evidence.Should().ContainSingle().Which.Should().Match<Evidence>(e => e.Id == "E2" && e.Title == "Riverside Bridge");
        var prompt = _server.ChatRequests.Should().ContainSingle().Subject.LastUser;
        prompt.Should().Contain("evidence E1 from factcheck, Full Fact").And.Contain("Rated \u201CFalse\u201D").And.Contain("evidence E2 from wikipedia, Riverside Bridge");
    }

    [Fact]
    public async Task Verify_ModelCitesNothing_UnverifiedWithTheReason()
    {
        _server.Chat = _ => Answer("supported", "[]");
        await using var h = new GatewayHarness(_server);

        var result = await h.Analyzer.VerifyClaimAsync(Request(), Bridge, Found);

        result.Value.Verdict.Should().Be(Verdict.Unverified);
        result.Value.Confidence.Should().Be(0);
        result.Value.Rationale.Should().StartWith("Unverified: the model's verdict (supported) was set aside because it cited no evidence.");
        result.Value.Evidence.Select(e => e.Id).Should().Equal("E1", "E2");
    }

    [Fact]
    public async Task Verify_ModelCitesUnknownId_UnverifiedNamingIt()
    {
        _server.Chat = _ => Answer("refuted", """["E1","E7"]""");
        await using var h = new GatewayHarness(_server);

        var result = await h.Analyzer.VerifyClaimAsync(Request(), Bridge, Found);

        result.Value.Verdict.Should().Be(Verdict.Unverified);
        result.Value.Rationale.Should().Contain("it cited evidence it was not given (E7)");
    }

    [Fact]
    public async Task Verify_ModelSaysUnverified_NoCitationNeeded()
    {
        _server.Chat = _ => Answer("unverified", "[]", confidence: 0.2);
        await using var h = new GatewayHarness(_server);

        var result = await h.Analyzer.VerifyClaimAsync(Request(), Bridge, Found);

        result.Value.Verdict.Should().Be(Verdict.Unverified);
        result.Value.Rationale.Should().Be("the model's reasons");
    }

    [Fact]
    public async Task Verify_NoEvidence_ModelNotAsked()
    {
        await using var h = new GatewayHarness(_server);

        var result = await h.Analyzer.VerifyClaimAsync(Request(), Bridge, []);

        result.Value.Verdict.Should().Be(Verdict.Unverified);
        result.Value.Method.Should().Be(LlmContentAnalyzer.NoEvidenceMethod);
        result.Value.Rationale.Should().Be(LlmContentAnalyzer.NoEvidenceRationale);
        result.Usage.LlmCalls.Should().Be(0);
        _server.ChatRequests.Should().BeEmpty();
    }

    private static FakeReply Answer(string verdict, string citations, double confidence = 0.9) =>
        FakeReply.Json($$"""{"verdict":"{{verdict}}","confidence":{{confidence.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"rationale":"the model's reasons","citations":{{citations}},"ignoredInstructions":[]}""");
}
