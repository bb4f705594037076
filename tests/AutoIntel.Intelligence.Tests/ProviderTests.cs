using System.ClientModel.Primitives;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;
using AutoIntel.TestKit;

namespace AutoIntel.Intelligence.Tests;

public sealed class ProviderTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SpeechToText_TranscriptionModel_ReturnsTimedSegments()
    {
        await using var h = new GatewayHarness(_server, o => o.Models.Add(new LlmModelOptions { Name = "whisper-1", Provider = "fake", Capabilities = ["transcription"] }));
        var stt = new OpenAiSpeechToText(h.Catalog, h.Client, h.Resilience);

        var transcript = await stt.TranscribeAsync(new byte[] { 1, 2, 3, 4 }, "talk.mp3", "audio/mpeg");

        stt.IsEnabled.Should().BeTrue();
        transcript.Title.Should().Be("talk");
        transcript.Segments.Should().HaveCount(2);
        transcript.Segments[1].Start.Should().Be(TimeSpan.FromSeconds(2.5));
        transcript.FullText.Should().Contain("4 bytes");
    }

    [Fact]
    public async Task SpeechToText_DiarizingModel_SegmentsCarryTheirSpeakers()
    {
        await using var h = new GatewayHarness(_server, o => o.Models.Add(
            new LlmModelOptions { Name = "gpt-4o-transcribe-diarize", Provider = "fake", Capabilities = ["transcription", "diarization"] }));
        var stt = new OpenAiSpeechToText(h.Catalog, h.Client, h.Resilience);

        var transcript = await stt.TranscribeAsync(new byte[] { 1, 2, 3, 4 }, "interview.mp3", "audio/mpeg");

        transcript.Segments.Select(s => (s.Speaker, s.Text)).Should().Equal(
            ("Speaker A", "Welcome to the show."), ("Speaker B", "Thanks for having me."), ("Speaker A", "Let us begin."));
        transcript.Segments[1].Start.Should().Be(TimeSpan.FromSeconds(2.5));
        transcript.Segments[1].End.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Catalog_DiarizationSetting_MarksTheShortcutTranscriptionModel()
    {
        var plain = ModelCatalog.FromOptions(new LlmOptions { Endpoint = "http://127.0.0.1:1/v1/", TranscriptionModel = "whisper-1" });
        var diarizing = ModelCatalog.FromOptions(new LlmOptions { Endpoint = "http://127.0.0.1:1/v1/", TranscriptionModel = "gpt-4o-transcribe-diarize", TranscriptionDiarization = true });

        plain.FirstWith(ModelCapabilities.Transcription)!.Has(ModelCapabilities.Diarization).Should().BeFalse("diarization is opt-in");
        diarizing.FirstWith(ModelCapabilities.Transcription)!.Has(ModelCapabilities.Diarization).Should().BeTrue();
    }

    [Theory]
    [InlineData("A", "Speaker A")]
    [InlineData("0", "Speaker 0")]
    [InlineData("Ruth Adeyemi", "Ruth Adeyemi")]
    [InlineData(" ", null)]
    public void DiarizedSpeaker_BareLabelsNamedKnownNamesKept(string label, string? expected)
    {
        OpenAiLlmClient.DiarizedSpeaker(label).Should().Be(expected);
    }

    [Fact]
    public async Task SpeechToText_NoTranscriptionModel_IsDisabledAndRefusesClearly()
    {
        await using var h = new GatewayHarness(_server);
        var stt = new OpenAiSpeechToText(h.Catalog, h.Client, h.Resilience);

        var act = () => stt.TranscribeAsync(new byte[] { 1 }, "a.mp3", "audio/mpeg");

        stt.IsEnabled.Should().BeFalse();
        await act.Should().ThrowAsync<Core.PermanentFailureException>().WithMessage("*transcription*");
    }

    [Fact]
    public async Task Embeddings_Batch_ReturnVectorsInInputOrder()
    {
        await using var h = new GatewayHarness(_server, o => o.Models.Add(new LlmModelOptions { Name = "embed", Provider = "fake", Capabilities = ["embeddings"] }));

        var vectors = await h.Client.EmbedAsync(h.Catalog.Find("embed")!, ["alpha", "beta", "alpha"]);

        vectors.Should().HaveCount(3);
        vectors[0].Should().Equal(vectors[2]);
        vectors[0].Should().NotEqual(vectors[1]);
        _server.EmbeddingCalls.Should().Be(1);
    }

    [Fact]
    public async Task AzureStyleEndpoint_OpenAiV1Path_IsServed()
    {
        var azureLike = new Uri(_server.BaseUrl, "/openai/v1/");
        var options = new LlmOptions { Endpoint = azureLike.ToString(), ApiKey = "azure-key", Model = "gpt-4.1-mini" };
        var client = new OpenAiLlmClient(new OpenAiClientFactory(options));
        _server.Chat = _ => FakeReply.Json("{\"ok\":true}");

        var outcome = await client.CompleteAsync(ModelCatalog.FromOptions(options).Models[0], new ChatCall("s", [new ChatTurn(false, "u")], "x", """{"type":"object"}""", 0, 10));

        outcome.Content.Should().Be("{\"ok\":true}");
        _server.ChatRequests.Single().Path.Should().Be("/openai/v1/chat/completions");
    }

    [Fact]
    public async Task AzureProviderWithoutKey_SendsEntraIdBearerTokenForTheCognitiveServicesScope()
    {
        // Bearer tokens are only sent over TLS, so this provider is served over HTTPS.
        await using var https = await FakeOpenAiServer.StartAsync(LoopbackCertificate.Certificate);
        var options = new LlmOptions
        {
            Providers = { ["azure"] = new LlmProviderOptions { Kind = "azure", Endpoint = new Uri(https.BaseUrl, "/openai/v1/").ToString() } },
            Models = [new LlmModelOptions { Name = "gpt-4.1-mini", Provider = "azure", Deployment = "gpt41mini-prod" }],
        };
        var credential = new FixedTokenCredential("entra-token");
        using var http = new HttpClient(LoopbackCertificate.TrustingHandler());
        var client = new OpenAiLlmClient(new OpenAiClientFactory(options, credential, new HttpClientPipelineTransport(http)));
        https.Chat = _ => FakeReply.Json("{\"ok\":true}");

        await client.CompleteAsync(ModelCatalog.FromOptions(options).Models[0], new ChatCall("s", [new ChatTurn(false, "u")], "x", """{"type":"object"}""", 0, 10));

        var request = https.ChatRequests.Single();
        request.Path.Should().Be("/openai/v1/chat/completions");
        request.Authorization.Should().Be("Bearer entra-token");
        request.Model.Should().Be("gpt41mini-prod", "Azure takes the deployment name as the model");
        credential.Scopes.Should().Equal("https://cognitiveservices.azure.com/.default");
    }
}
