using AutoIntel.Core.FactCheck;
using AutoIntel.TestKit;

namespace AutoIntel.Ingestion.Tests.EvidenceSources;

public sealed class MediaWikiSourceTests : IAsyncLifetime
{
    private FakeMediaWikiServer _wiki = null!;

    public async Task InitializeAsync()
    {
        _wiki = await FakeMediaWikiServer.StartAsync();
        _wiki.Add("en", "Riverside Bridge", "The Riverside Bridge is a road bridge. The town council approved its construction in 2023, and it opened in 2025.");
        _wiki.Add("de", "Flussbrücke", "Die Flussbrücke ist eine Straßenbrücke. Der Stadtrat genehmigte den Bau 2023.");
    }

    public async Task DisposeAsync() => await _wiki.DisposeAsync();

    [Fact]
    public async Task Search_MatchingPage_SearchesThenReadsTheIntro()
    {
        using var services = EvidenceSourceHost.Build(Settings());

        var items = await EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("The council approved the bridge in 2024.", "en", "council approved bridge"));

        var page = items.Should().ContainSingle().Subject;
        page.Source.Should().Be("wikipedia");
        page.Title.Should().Be("Riverside Bridge");
        page.Url.Should().Be("https://en.wikipedia.org/wiki/Riverside_Bridge");
        page.Quote.Should().Contain("approved its construction in 2023");
        page.Date.Should().NotBeNull();
        _wiki.Requests.Select(r => r.GetValueOrDefault("list") ?? r.GetValueOrDefault("prop")).Should().Equal("search", "extracts|info");
        _wiki.Requests[1]["explaintext"].Should().Be("1");
        _wiki.Requests.Should().OnlyContain(r => r["$header:User-Agent"].StartsWith("AutoIntel/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_GermanContent_AsksTheGermanWiki()
    {
        using var services = EvidenceSourceHost.Build(Settings());

        var items = await EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("Der Stadtrat genehmigte die Brücke.", "de", "stadtrat genehmigte"));

        items.Should().ContainSingle().Which.Title.Should().Be("Flussbrücke");
        _wiki.Requests.Should().OnlyContain(r => r["$path"] == "/de/w/api.php");
    }

    [Fact]
    public async Task Search_NoHit_ReturnsEmptyAfterOneRequest()
    {
        using var services = EvidenceSourceHost.Build(Settings());

        var items = await EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("Penguins live in the Sahara.", "en", "penguins sahara"));

        items.Should().BeEmpty();
        _wiki.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Search_ApiErrorIn200_Throws()
    {
        using var services = EvidenceSourceHost.Build(Settings());

        var act = () => EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("x", "en", string.Empty));

        (await act.Should().ThrowAsync<EvidenceUnavailableException>()).Which.Message.Should().Contain("missingparam").And.Contain("srsearch");
    }

    [Fact]
    public async Task Search_RateLimited_ThrowsWithRetryAfter()
    {
        _wiki.Fail(FakeApiFailure.TooManyRequests("12"));
        using var services = EvidenceSourceHost.Build(Settings());

        var act = () => EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("bridge", "en", "bridge"));

        var error = (await act.Should().ThrowAsync<EvidenceUnavailableException>()).Which;
        error.Reason.Should().Contain("429");
        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(12));
    }

    [Theory]
    [InlineData(true, null, 1)]
    [InlineData(false, null, 0)]
    [InlineData(false, "true", 1)]
    [InlineData(true, "false", 0)]
    public void Registration_DefaultOnWithAnLlm(bool llmConfigured, string? enabled, int expected)
    {
        var settings = new Dictionary<string, string?> { ["Evidence:Wikipedia:Enabled"] = enabled };

        using var services = EvidenceSourceHost.Build(settings, llmConfigured);

        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<IEvidenceSource>(services).Should().HaveCount(expected);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Evidence:Wikipedia:Enabled"] = "true",
        ["Evidence:Wikipedia:Endpoint"] = _wiki.EndpointTemplate,
    };
}
