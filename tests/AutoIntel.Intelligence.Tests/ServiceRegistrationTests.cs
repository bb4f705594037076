using AutoIntel.Core.Content;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Routing;
using AutoIntel.TestKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIntel.Intelligence.Tests;

public sealed class ServiceRegistrationTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void AddAutoIntelIntelligence_NothingConfigured_RegistersNoAnalyzer()
    {
        var config = Config([]);
        var services = new ServiceCollection().AddAutoIntelIntelligence(config);
        using var sp = services.BuildServiceProvider();

        IntelligenceServiceCollectionExtensions.LlmConfigured(config).Should().BeFalse();
        sp.GetService<IContentAnalyzer>().Should().BeNull();
        sp.GetService<ISpeechToText>().Should().BeNull();
        sp.GetRequiredService<ModelsExplainer>().Explain("summary", 1000).Winner.Should().BeNull();
    }

    [Fact]
    public async Task AddAutoIntelIntelligence_EnvironmentShortcut_UsesLlmAnalyzerWithKeyedOfflineFallback()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat = _ => FakeReply.Json("""{"keyPoints":["p"],"ignoredInstructions":[]}""");
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // The same keys as the environment variables Llm__Endpoint, Llm__ApiKey, Llm__Model, ...
                ["Llm:Endpoint"] = server.BaseUrl.ToString(),
                ["Llm:ApiKey"] = "k",
                ["Llm:Model"] = "local-model",
                ["Llm:EmbeddingModel"] = "local-embed",
                ["Llm:TranscriptionModel"] = "whisper-1",
            })
            .Build();
        var offline = new StubOfflineAnalyzer();
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IContentAnalyzer>("offline", offline);
        services.AddAutoIntelIntelligence(config);
        await using var sp = services.BuildServiceProvider();

        var analyzer = sp.GetRequiredService<IContentAnalyzer>();
        var result = await analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), GatewayTests.Request(), new Core.Text.Chunk(0, "text", 1));

        analyzer.Should().BeOfType<LlmContentAnalyzer>().Which.Name.Should().Be("llm");
        result.Value.KeyPoints.Should().Equal("p");
        server.ChatRequests.Single().Model.Should().Be("local-model");
        sp.GetRequiredService<ISpeechToText>().IsEnabled.Should().BeTrue();
        sp.GetRequiredService<ModelCatalog>().Models.Select(m => m.Id).Should().Equal("local-model", "local-embed", "whisper-1");
    }

    [Fact]
    public void AddAutoIntelIntelligence_BadCatalog_FailsValidationWithEveryProblem()
    {
        var config = Config(new()
        {
            ["Llm:Providers:a:Kind"] = "azure",
            ["Llm:Providers:b:Kind"] = "azure",
            ["Llm:Providers:b:Endpoint"] = "http://my-resource.openai.azure.com/openai/v1/",
            ["Llm:Models:0:Name"] = "m",
            ["Llm:Models:0:Provider"] = "missing",
            ["Llm:Models:0:InputPricePer1K"] = "-1",
        });
        using var sp = new ServiceCollection().AddAutoIntelIntelligence(config).BuildServiceProvider();

        var act = () => sp.GetRequiredService<IOptions<LlmOptions>>().Value;

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("Endpoint is required"))
            .And.Contain(f => f.Contains("'missing'"))
            .And.Contain(f => f.Contains("negative"))
            .And.Contain(f => f.Contains("Llm:Providers:b:Endpoint must be https to sign in with Entra ID"));
    }

    [Fact]
    public void Catalog_FromConfiguration_BindsPricesCapabilitiesAndPriors()
    {
        var config = Config(new()
        {
            ["Llm:Providers:azure:Kind"] = "azure",
            ["Llm:Providers:azure:Endpoint"] = "https://res.openai.azure.com/openai/v1/",
            ["Llm:Models:0:Name"] = "gpt-4.1-mini",
            ["Llm:Models:0:Provider"] = "azure",
            ["Llm:Models:0:Deployment"] = "mini-deploy",
            ["Llm:Models:0:InputPricePer1K"] = "0.0004",
            ["Llm:Models:0:Capabilities:0"] = "chat",
            ["Llm:Models:0:Quality:claim_verification"] = "0.84",
        });
        var options = new LlmOptions();
        config.GetSection("Llm").Bind(options);

        var model = ModelCatalog.FromOptions(options).Models.Single();

        model.Deployment.Should().Be("mini-deploy");
        model.InputPer1K.Should().Be(0.0004m);
        model.Capabilities.Should().BeEquivalentTo(["chat"]);
        model.QualityFor("claim_verification").Should().Be(0.84);
        model.QualityFor("tone").Should().Be(0.7);
        IntelligenceServiceCollectionExtensions.LlmConfigured(config).Should().BeTrue();
    }
}
