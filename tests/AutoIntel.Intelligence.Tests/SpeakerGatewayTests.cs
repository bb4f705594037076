using AutoIntel.Core.Text;
using AutoIntel.TestKit;

namespace AutoIntel.Intelligence.Tests;

/// <summary>Who said what on the LLM path, through the real OpenAI client against the fake server.</summary>
public sealed class SpeakerGatewayTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ExtractClaims_ChunkOpeningMidTurn_SentWithItsSpeakerAndAnswerValidated()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json("""
            {"claims":[
              {"text":"Rents rose 9% last year.","checkWorthiness":0.9,"speaker":"ruth adeyemi"},
              {"text":"London rents rose fastest.","checkWorthiness":0.6,"speaker":"The Times"}
            ],"ignoredInstructions":[]}
            """);
        var chunk = new Chunk(3, "Rents rose 9% last year. Tom Hale: That figure is for London only.", 20, SpeakerAtStart: "Ruth Adeyemi", Speakers: ["Ruth Adeyemi", "Tom Hale"]);

        var claims = (await h.Analyzer.ExtractClaimsAsync(GatewayTests.Request(), chunk)).Value;

        _server.ChatRequests.Should().ContainSingle().Which.LastUser.Should().Contain("Ruth Adeyemi: Rents rose 9% last year. Tom Hale: That figure");
        _server.ChatRequests[0].Schema!.ToJsonString().Should().Contain("\"speaker\"");
        claims.Select(c => c.Speaker).Should().Equal("Ruth Adeyemi", null);
    }
}
