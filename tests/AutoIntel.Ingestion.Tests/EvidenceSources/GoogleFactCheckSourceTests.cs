using AutoIntel.Core.FactCheck;
using AutoIntel.Ingestion.EvidenceSources;
using AutoIntel.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Ingestion.Tests.EvidenceSources;

public sealed class GoogleFactCheckSourceTests : IAsyncLifetime
{
    private FakeFactCheckServer _api = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeFactCheckServer.StartAsync();
        _api.Claims.Add(new FakeReviewedClaim("The town council approved the new bridge in 2024.", "False"));
        _api.Claims.Add(new FakeReviewedClaim("Unemployment doubled last year.", "Missing context", Publisher: "PolitiFact", Site: "politifact.com", Url: "https://www.politifact.com/x/"));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Search_ReviewedClaim_ReturnsPublisherRatingLinkAndDate()
    {
        using var services = EvidenceSourceHost.Build(Settings());
        var source = EvidenceSourceHost.Single(services);

        var items = await source.SearchAsync(EvidenceSourceHost.Query("The council approved the bridge in 2024", "en"));

        var review = items.Should().ContainSingle().Subject;
        review.Source.Should().Be("factcheck");
        review.Publisher.Should().Be("Full Fact");
        review.Rating.Should().Be("False");
        review.Url.Should().Be("https://fullfact.org/online/bridge-2024/");
        review.Title.Should().Be("The bridge was not approved in 2024");
        review.Date.Should().StartWith("2025-03-01");
        review.Quote.Should().Be("The town council approved the new bridge in 2024.");
        var request = _api.Requests.Should().ContainSingle().Subject;
        request["languageCode"].Should().Be("en");
        request["key"].Should().Be(_api.ApiKey);
    }

    [Fact]
    public async Task Search_NothingReviewed_ReturnsEmpty()
    {
        using var services = EvidenceSourceHost.Build(Settings());

        var items = await EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("Penguins live in the Sahara"));

        items.Should().BeEmpty();
    }

    [Fact]
    public async Task Search_WrongKey_ThrowsGooglesReasonWithoutTheKey()
    {
        var settings = Settings();
        settings["Evidence:FactCheck:ApiKey"] = "not-the-key";
        using var services = EvidenceSourceHost.Build(settings);

        var act = () => EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("The bridge was approved"));

        var error = (await act.Should().ThrowAsync<EvidenceUnavailableException>()).Which;
        error.Message.Should().StartWith("factcheck: ").And.Contain("400").And.Contain("INVALID_ARGUMENT API key not valid");
        error.Message.Should().NotContain("not-the-key", "the key travels in the query and must never reach a note");
    }

    [Fact]
    public async Task Search_QuotaSpent_ThrowsWithRetryAfter()
    {
        _api.Fail(FakeApiFailure.Google(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Queries'.", retryAfterSeconds: "30"));
        using var services = EvidenceSourceHost.Build(Settings());

        var act = () => EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("The bridge was approved"));

        var error = (await act.Should().ThrowAsync<EvidenceUnavailableException>()).Which;
        error.Reason.Should().Contain("429").And.Contain("RESOURCE_EXHAUSTED");
        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Search_LoopbackNotAllowed_RefusedBeforeAnyRequest()
    {
        using var services = EvidenceSourceHost.Build(Settings(), allowLoopback: false);

        var act = () => EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("The bridge was approved"));

        (await act.Should().ThrowAsync<EvidenceUnavailableException>()).Which.Message.Should().Contain("loopback").And.Contain("Fetch__AllowedHosts");
        _api.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Registration_NoApiKey_SourceOff()
    {
        using var services = EvidenceSourceHost.Build(new Dictionary<string, string?> { ["Evidence:FactCheck:Endpoint"] = _api.Endpoint.AbsoluteUri });

        services.GetServices<IEvidenceSource>().Should().BeEmpty();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Evidence:FactCheck:ApiKey"] = _api.ApiKey,
        ["Evidence:FactCheck:Endpoint"] = _api.Endpoint.AbsoluteUri,
    };
}
