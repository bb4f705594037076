using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Tests;

public sealed class IngestionServiceCollectionExtensionsTests
{
    [Fact]
    public void AddAutoIntelIngestion_Defaults_MatchDocumentedLimits()
    {
        using ServiceProvider provider = TestServices.Build();

        FetchOptions options = provider.GetRequiredService<IOptions<FetchOptions>>().Value;

        options.MaxBytes.Should().Be(20 * 1024 * 1024);
        options.MaxAudioBytes.Should().Be(200 * 1024 * 1024);
        TranscriptionOptions transcription = provider.GetRequiredService<IOptions<TranscriptionOptions>>().Value;
        transcription.PieceBytes.Should().Be(20 * 1024 * 1024);
        transcription.MaxUploadBytes.Should().Be(25 * 1024 * 1024);
        options.Timeout.Should().Be(TimeSpan.FromSeconds(30));
        options.MaxRedirects.Should().Be(5);
        options.AllowedHosts.Should().BeEmpty();
        provider.GetRequiredService<ISpeechToText>().Should().BeOfType<DisabledSpeechToText>();
        provider.GetRequiredService<IContentAcquirer>().Should().BeOfType<ContentAcquirer>();
        provider.GetRequiredService<ITranscriber>().Should().BeOfType<Transcriber>();
    }

    [Fact]
    public void AddAutoIntelIngestion_CommaSeparatedEnvironmentVariable_AllowsEachHost()
    {
        string prefix = $"AUTOINTEL_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "Fetch__AllowedHosts", "intranet.local, 10.0.0.7");
        try
        {
            IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            using ServiceProvider provider = new ServiceCollection().AddInMemoryArtifactStore().AddAutoIntelIngestion(configuration).BuildServiceProvider();

            FetchPolicy policy = provider.GetRequiredService<FetchPolicy>();

            policy.IsAllowedHost("intranet.local").Should().BeTrue();
            policy.IsAllowedHost("INTRANET.local.").Should().BeTrue();
            policy.IsAllowedHost("10.0.0.7").Should().BeTrue();
            policy.IsAllowedHost("10.0.0.8").Should().BeFalse();
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Fetch__AllowedHosts", null);
        }
    }

    [Fact]
    public void AddAutoIntelIngestion_ArrayConfiguration_AllowsEachHost()
    {
        using ServiceProvider provider = TestServices.Build(new Dictionary<string, string?>
        {
            ["Fetch:AllowedHosts:0"] = "a.internal",
            ["Fetch:AllowedHosts:1"] = "[::1]",
        });

        FetchPolicy policy = provider.GetRequiredService<FetchPolicy>();

        policy.IsAllowedHost("a.internal").Should().BeTrue();
        policy.IsAllowedHost("::1").Should().BeTrue();
        policy.IsAllowedHost("b.internal").Should().BeFalse();
    }

    [Theory]
    [InlineData("Fetch:MaxBytes", "0")]
    [InlineData("Fetch:MaxAudioBytes", "0")]
    [InlineData("Fetch:MaxRedirects", "50")]
    [InlineData("Fetch:Timeout", "00:00:00")]
    public void AddAutoIntelIngestion_InvalidOption_FailsValidation(string key, string value)
    {
        using ServiceProvider provider = TestServices.Build(new Dictionary<string, string?> { [key] = value });

        Action act = () => _ = provider.GetRequiredService<IOptions<FetchOptions>>().Value;

        act.Should().Throw<OptionsValidationException>();
    }

    [Theory]
    [InlineData("Transcription:PieceBytes", "100")]
    [InlineData("Transcription:PieceBytes", "30000000")]
    public void AddAutoIntelIngestion_InvalidTranscriptionOption_FailsValidation(string key, string value)
    {
        using ServiceProvider provider = TestServices.Build(new Dictionary<string, string?> { [key] = value });

        Action act = () => _ = provider.GetRequiredService<IOptions<TranscriptionOptions>>().Value;

        act.Should().Throw<OptionsValidationException>();
    }
}
