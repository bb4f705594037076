using AutoIntel.Core.FactCheck;
using AutoIntel.TestKit;

namespace AutoIntel.Ingestion.Tests.EvidenceSources;

public sealed class WebSearchSourceTests
{
    [Fact]
    public async Task Brave_Results_TitleLinkPublisherAndPlainDescription()
    {
        await using var brave = await FakeBraveSearchServer.StartAsync();
        brave.Pages.Add(("Council approves <strong>bridge</strong>", "https://news.example.org/bridge", "The <strong>council</strong> approved the bridge in 2023.", "2023-05-02T00:00:00"));
        using var services = EvidenceSourceHost.Build(BraveSettings(brave));

        var items = await EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("council approved the bridge"));

        var page = items.Should().ContainSingle().Subject;
        page.Source.Should().Be("brave");
        page.Title.Should().Be("Council approves bridge");
        page.Quote.Should().Be("The council approved the bridge in 2023.");
        page.Publisher.Should().Be("news.example.org");
        page.Date.Should().StartWith("2023-05-02");
        brave.Requests.Should().ContainSingle().Which["$header:X-Subscription-Token"].Should().Be(brave.Token);
    }

    [Fact]
    public async Task Brave_NoResults_ReturnsEmpty()
    {
        await using var brave = await FakeBraveSearchServer.StartAsync();
        using var services = EvidenceSourceHost.Build(BraveSettings(brave));

        (await EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("nothing matches"))).Should().BeEmpty();
    }

    [Fact]
    public async Task Brave_BadToken_ThrowsBravesReason()
    {
        await using var brave = await FakeBraveSearchServer.StartAsync();
        var settings = BraveSettings(brave);
        settings["Evidence:Brave:ApiKey"] = "wrong";
        using var services = EvidenceSourceHost.Build(settings);

        var act = () => EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("bridge"));

        (await act.Should().ThrowAsync<EvidenceUnavailableException>()).Which.Message.Should().Contain("401").And.Contain("SUBSCRIPTION_TOKEN_INVALID");
    }

    [Fact]
    public async Task Brave_RateLimited_ThrowsWithRetryAfter()
    {
        await using var brave = await FakeBraveSearchServer.StartAsync();
        brave.RemainingRequests = 0;
        using var services = EvidenceSourceHost.Build(BraveSettings(brave));

        var act = () => EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("bridge"));

        var error = (await act.Should().ThrowAsync<EvidenceUnavailableException>()).Which;
        error.Reason.Should().Contain("429").And.Contain("RATE_LIMITED");
        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Searxng_Results_TitleLinkAndContent()
    {
        await using var searx = await FakeSearxngServer.StartAsync();
        searx.Pages.Add(("Bridge opening", "https://www.city.example/bridge", "The bridge opened in 2025 after approval in 2023.", "2025-01-10T00:00:00"));
        using var services = EvidenceSourceHost.Build(SearxngSettings(searx));

        var items = await EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("When did the bridge open?", "fr"));

        var page = items.Should().ContainSingle().Subject;
        page.Source.Should().Be("searxng");
        page.Publisher.Should().Be("city.example");
        page.Quote.Should().Contain("opened in 2025");
        var request = searx.Requests.Should().ContainSingle().Subject;
        request["format"].Should().Be("json");
        request["language"].Should().Be("fr");
    }

    [Fact]
    public async Task Searxng_JsonFormatDisabled_SaysHowToEnableIt()
    {
        await using var searx = await FakeSearxngServer.StartAsync();
        searx.JsonEnabled = false;
        using var services = EvidenceSourceHost.Build(SearxngSettings(searx));

        var act = () => EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("bridge"));

        (await act.Should().ThrowAsync<EvidenceUnavailableException>()).Which.Message.Should().Contain("403").And.Contain("search.formats");
    }

    [Fact]
    public async Task Searxng_Limited_Throws429()
    {
        await using var searx = await FakeSearxngServer.StartAsync();
        searx.Fail(FakeApiFailure.TooManyRequests());
        using var services = EvidenceSourceHost.Build(SearxngSettings(searx));

        var act = () => EvidenceSourceHost.Single(services).SearchAsync(EvidenceSourceHost.Query("bridge"));

        var error = (await act.Should().ThrowAsync<EvidenceUnavailableException>()).Which;
        error.Reason.Should().Contain("429");
        error.RetryAfter.Should().BeNull();
    }

    private static Dictionary<string, string?> BraveSettings(FakeBraveSearchServer brave) => new()
    {
        ["Evidence:Brave:ApiKey"] = brave.Token,
        ["Evidence:Brave:Endpoint"] = brave.Endpoint.AbsoluteUri,
    };

    private static Dictionary<string, string?> SearxngSettings(FakeSearxngServer searx) => new()
    {
        ["Evidence:Searxng:Endpoint"] = searx.BaseAddress.AbsoluteUri,
    };
}
