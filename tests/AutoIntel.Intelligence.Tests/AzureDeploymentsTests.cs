using System.ClientModel;
using System.ClientModel.Primitives;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;
using AutoIntel.TestKit;
using Microsoft.Extensions.Options;

namespace AutoIntel.Intelligence.Tests;

/// <summary>Azure OpenAI's classic shape (<c>/openai/deployments/{deployment}/…?api-version=</c>) through Azure.AI.OpenAI, against the fake server.</summary>
public sealed class AzureDeploymentsTests : IAsyncLifetime
{
    private static readonly ChatCall Call = new("s", [new ChatTurn(false, "u")], "x", """{"type":"object","properties":{},"required":[],"additionalProperties":false}""", 0, 10);
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Chat_ResourceRootWithKey_PostsToTheDeploymentWithApiVersionAndApiKey()
    {
        var (client, model) = Azure(new LlmProviderOptions { Kind = "azure", Endpoint = Root(_server), ApiKey = "azure-key" });
        _server.Chat = _ => FakeReply.Json("{\"ok\":true}");

        var outcome = await client.CompleteAsync(model, Call);

        outcome.Content.Should().Be("{\"ok\":true}");
        var request = _server.ChatRequests.Single();
        request.Path.Should().Be("/openai/deployments/gpt41mini-prod/chat/completions");
        request.ApiVersion.Should().Be(LlmProviderOptions.DefaultAzureApiVersion);
        request.ApiKey.Should().Be("azure-key");
        request.Authorization.Should().BeEmpty("key auth uses the api-key header, not a bearer token");
        request.SchemaName.Should().Be("x");
    }

    [Fact]
    public async Task Chat_ConfiguredApiVersion_IsSent()
    {
        var (client, model) = Azure(new LlmProviderOptions { Kind = "azure", Endpoint = Root(_server), ApiKey = "k", ApiVersion = "2025-04-01-preview" });

        await client.CompleteAsync(model, Call);

        _server.ChatRequests.Single().ApiVersion.Should().Be("2025-04-01-preview");
    }

    [Fact]
    public async Task Chat_ResourceRootWithoutKey_SendsEntraIdBearerToken()
    {
        await using var https = await FakeOpenAiServer.StartAsync(LoopbackCertificate.Certificate);
        var credential = new FixedTokenCredential("entra-token");
        using var http = new HttpClient(LoopbackCertificate.TrustingHandler());
        var (client, model) = Azure(new LlmProviderOptions { Kind = "azure", Endpoint = Root(https) }, credential, new HttpClientPipelineTransport(http));

        await client.CompleteAsync(model, Call);

        var request = https.ChatRequests.Single();
        request.Path.Should().Be("/openai/deployments/gpt41mini-prod/chat/completions");
        request.Authorization.Should().Be("Bearer entra-token");
        request.ApiKey.Should().BeNull();
        credential.Scopes.Should().Equal("https://cognitiveservices.azure.com/.default");
    }

    [Fact]
    public async Task Chat_UnknownDeployment_FailsWithAzures404AsAConfigurationError()
    {
        _server.AzureDeployments.Add("another-deployment");
        var (client, model) = Azure(new LlmProviderOptions { Kind = "azure", Endpoint = Root(_server), ApiKey = "k" });

        var act = () => client.CompleteAsync(model, Call);

        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        error.Status.Should().Be(404);
        error.Message.Should().Contain("DeploymentNotFound");
        LlmErrors.IsConfigurationError(error).Should().BeTrue();
    }

    [Fact]
    public async Task Chat_ApiVersionTheResourceDoesNotServe_FailsWith404ResourceNotFound()
    {
        _server.AzureApiVersions.Remove("2024-06-01");
        var (client, model) = Azure(new LlmProviderOptions { Kind = "azure", Endpoint = Root(_server), ApiKey = "k", ApiVersion = "2024-06-01" });

        var act = () => client.CompleteAsync(model, Call);

        (await act.Should().ThrowAsync<ClientResultException>()).Which.Message.Should().Contain("Resource not found");
    }

    [Fact]
    public async Task Embeddings_ResourceRoot_UseTheEmbeddingDeployment()
    {
        var (client, model) = Azure(new LlmProviderOptions { Kind = "azure", Endpoint = Root(_server), ApiKey = "k" }, capability: "embeddings");

        var vectors = await client.EmbedAsync(model, ["alpha", "beta"]);

        vectors.Should().HaveCount(2);
        _server.EmbeddingCalls.Should().Be(1);
    }

    [Fact]
    public async Task Transcription_ResourceRoot_ReturnsSegments()
    {
        var (client, model) = Azure(new LlmProviderOptions { Kind = "azure", Endpoint = Root(_server), ApiKey = "k" }, capability: "transcription");

        var heard = await client.TranscribeAsync(model, new byte[] { 1, 2, 3 }, "talk.mp3");

        heard.Segments.Should().HaveCount(2);
        _server.TranscriptionCalls.Should().Be(1);
    }

    [Theory]
    [InlineData("https://res.openai.azure.com/", true)]
    [InlineData("https://res.openai.azure.com/openai/v1/", false)]
    [InlineData("https://res.openai.azure.com/openai/v1", false)]
    public void IsAzureDeployments_EndpointShape_SelectsTheClient(string endpoint, bool classic) =>
        new LlmProviderOptions { Kind = "azure", Endpoint = endpoint }.IsAzureDeployments.Should().Be(classic);

    [Fact]
    public void Validate_UnknownApiVersion_IsRejectedWithTheSupportedList()
    {
        var options = new LlmOptions { Providers = { ["az"] = new LlmProviderOptions { Kind = "azure", Endpoint = "https://res.openai.azure.com/", ApiKey = "k", ApiVersion = "2023-01-01" } } };

        var result = new LlmOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("ApiVersion '2023-01-01'").And.Contain("2024-10-21");
    }

    private static string Root(FakeOpenAiServer server) => new Uri(server.BaseUrl, "/").ToString();

    private static (OpenAiLlmClient Client, CatalogModel Model) Azure(
        LlmProviderOptions provider, Azure.Core.TokenCredential? credential = null, PipelineTransport? transport = null, string capability = "chat")
    {
        var options = new LlmOptions
        {
            Providers = { ["azure"] = provider },
            Models = [new LlmModelOptions { Name = "gpt-4.1-mini", Provider = "azure", Deployment = "gpt41mini-prod", Capabilities = [capability, "json_schema"] }],
        };
        new LlmOptionsValidator().Validate(null, options).Should().Be(ValidateOptionsResult.Success);
        return (new OpenAiLlmClient(new OpenAiClientFactory(options, credential, transport)), ModelCatalog.FromOptions(options).Models[0]);
    }
}
