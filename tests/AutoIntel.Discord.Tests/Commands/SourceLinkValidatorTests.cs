using AutoIntel.Discord.Commands;
using AutoIntel.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord.Tests.Commands;

public sealed class SourceLinkValidatorTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/article")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:192.168.0.1]/")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://localhost/admin")]
    [InlineData("http://metadata.google.internal/")]
    public void Validate_NonPublicAddress_IsRefused(string link)
    {
        string? problem = Validator().Validate(link);

        problem.Should().Contain("private or local");
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/article", "127.0.0.1")]
    [InlineData("http://localhost/a", "localhost")]
    [InlineData("http://[::1]:81/a", "[::1]")]
    public void Validate_HostOnFetchAllowList_IsAccepted(string link, string allowed)
    {
        string? problem = Validator(allowed).Validate(link);

        problem.Should().BeNull();
    }

    [Fact]
    public void Validate_AllowListNamesAnotherHost_StillRefuses()
    {
        string? problem = Validator("127.0.0.2").Validate("http://127.0.0.1/");

        problem.Should().Contain("private or local");
    }

    [Theory]
    [InlineData("https://example.com/article")]
    [InlineData("http://93.184.216.34/")]
    public void Validate_PublicLink_IsAccepted(string link)
    {
        Validator().Validate(link).Should().BeNull();
    }

    [Fact]
    public void Validate_MangledIpLiteral_ExplainsWithoutOperatorHint()
    {
        string? problem = Validator().Validate("http://1.2.3.999/");

        problem.Should().StartWith("I can't read that link").And.NotContain("Fetch__AllowedHosts");
    }

    private static SourceLinkValidator Validator(params string[] allowedHosts) =>
        new(new FetchPolicy(Options.Create(new FetchOptions { AllowedHosts = [.. allowedHosts] })));
}
