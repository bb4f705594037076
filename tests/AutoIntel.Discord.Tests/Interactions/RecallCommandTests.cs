using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;
using AutoIntel.Core.FactCheck;
using AutoIntel.Discord.Commands;
using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Tests.Support;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.Memory;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Recall;
using AutoIntel.Memory.Vectors;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord.Tests.Interactions;

public sealed class RecallCommandTests : IDisposable
{
    private const string OtherGuild = "2000000000000000099";

    private readonly TestSigner _signer = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly EmbeddedVectorStore _store = EmbeddedVectorStore.InMemory();
    private readonly KnowledgeGraphStore _graphs = new(new InMemoryArtifactStore());
    private readonly ContentMemory _memory;
    private readonly InteractionHandler _handler;

    public RecallCommandTests()
    {
        IOptions<MemoryOptions> options = Options.Create(new MemoryOptions());
        _memory = new ContentMemory(new HashingEmbedder(), _store, _graphs, options);
        var verifier = new Ed25519Verifier(Options.Create(new DiscordOptions { PublicKey = _signer.PublicKeyHex }), _time);
        var recall = new MemoryRecall(new HashingEmbedder(), _store, _graphs, options);
        _handler = new InteractionHandler(verifier, new SourceLinkValidator(new FetchPolicy(Options.Create(new FetchOptions()))), new FakeWorkflowClient(), NullLogger<InteractionHandler>.Instance, recall);
    }

    public void Dispose()
    {
        _store.Dispose();
        _graphs.Dispose();
    }

    [Fact]
    public async Task Recall_RememberedClaimInThisGuild_EphemeralAnswerWithVerdictAndSource()
    {
        var claim = new Claim("c-1", "The tram extension will cost 240 million euros.", 0, 0.9);
        await _memory.RememberAsync(Payloads.GuildId, "run-1", "https://news.example/tram", ["Jane Doe: The tram extension will cost 240 million euros, the council said."], [new ClaimVerdict(claim, Verdict.Refuted, 0.8, "minutes say 310 million", [], "test")]);

        JsonNode answer = await RecallAsync(Payloads.GuildId, "tram extension cost");

        answer["type"]!.GetValue<int>().Should().Be(4);
        answer["data"]!["flags"]!.GetValue<int>().Should().Be(InteractionHandler.EphemeralFlag);
        string content = answer["data"]!["content"]!.GetValue<string>();
        content.Should().Contain("Refuted").And.Contain("https://news.example/tram").And.Contain("Jane Doe").And.Contain("run `run-1`");
        content.Length.Should().BeLessThanOrEqualTo(2000);
    }

    [Fact]
    public async Task Recall_MemoryOfAnotherGuild_NotShown()
    {
        await _memory.RememberAsync(OtherGuild, "run-9", "https://secret.example", ["The tram extension will cost 240 million euros."], []);

        JsonNode answer = await RecallAsync(Payloads.GuildId, "tram extension cost");

        string content = answer["data"]!["content"]!.GetValue<string>();
        content.Should().Be("Nothing in memory matches that yet.");
    }

    [Fact]
    public async Task Recall_BlankQuery_EphemeralHint()
    {
        JsonNode answer = await RecallAsync(Payloads.GuildId, "   ");

        answer["data"]!["content"]!.GetValue<string>().Should().Contain("/autointel-recall query:");
    }

    private async Task<JsonNode> RecallAsync(string guild, string query)
    {
        byte[] body = Payloads.Command(CommandDefinitions.RecallCommand, guildId: guild, options: Payloads.Text(CommandDefinitions.QueryOption, query));
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());
        InteractionResponse response = await _handler.HandleAsync(new InteractionHeaders(_signer.Sign(timestamp, body), timestamp), body);
        response.StatusCode.Should().Be(200);
        return JsonNode.Parse(response.Body)!;
    }
}
