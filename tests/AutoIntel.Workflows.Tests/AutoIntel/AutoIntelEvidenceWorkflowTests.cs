using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Offline;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.FactCheck;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>The real workflow with evidence sources pointed at their API fakes: verdicts that show their sources.</summary>
public sealed class AutoIntelEvidenceWorkflowTests : IAsyncLifetime, IDisposable
{
    private const string BridgeClaim = "The Town Council approved the new bridge in 2024.";
    private readonly TempDirectory _files = new();
    private FakeFactCheckServer _factCheck = null!;
    private FakeSearxngServer _search = null!;
    private FakeMediaWikiServer _wiki = null!;
    private FakeOpenAiServer _llm = null!;
    private string _article = null!;

    public async Task InitializeAsync()
    {
        _factCheck = await FakeFactCheckServer.StartAsync();
        _factCheck.Claims.Add(new FakeReviewedClaim("The town council approved the new bridge in 2024", "False"));
        _search = await FakeSearxngServer.StartAsync();
        _search.Pages.Add(("Bridge timeline", "https://news.example.org/bridge", "The council voted for the bridge in 2023; building began in 2024.", "2024-02-01T00:00:00"));
        _wiki = await FakeMediaWikiServer.StartAsync();
        _wiki.AddFoundByAnySearch("en", "Riverside Bridge", "The Riverside Bridge was approved by the town council in 2023.");
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Chat = FakeAnalyst.Answer;
        _article = _files.Combine("council.txt");
        await File.WriteAllTextAsync(_article,
            $"{BridgeClaim} The bridge cost 40 million euros to build, according to the budget report. " +
            "Traffic on the old crossing fell by 30 percent last year. Local schools received 5 new electric buses in 2023.");
    }

    public async Task DisposeAsync()
    {
        await _factCheck.DisposeAsync();
        await _search.DisposeAsync();
        await _wiki.DisposeAsync();
        await _llm.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Run_OfflineWithFactChecks_ReviewedClaimRatedByThePublisherWithTheLink()
    {
        await using var harness = new AutoIntelHarness(settings: FactCheckSettings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(_article, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        var bridge = briefing.Claims.Should().ContainSingle(c => c.Claim.Text.Contains("bridge in 2024", StringComparison.Ordinal)).Subject;
        bridge.Verdict.Should().Be(Verdict.Refuted);
        bridge.Method.Should().Be(FactCheckVerdicts.MethodName);
        bridge.Rationale.Should().Be("Rated \u201CFalse\u201D by Full Fact (2025-03-01).");
        var review = bridge.Evidence.Should().ContainSingle().Subject;
        review.Should().Match<Evidence>(e => e.Id == "E1" && e.Publisher == "Full Fact" && e.Url == "https://fullfact.org/online/bridge-2024/" && e.Rating == "False");
        briefing.Claims.Where(c => c != bridge).Should().NotBeEmpty().And.OnlyContain(c => c.Verdict == Verdict.Unverified && c.Method == OfflineAnalyzer.MethodName);

        var markdown = await harness.MarkdownOfAsync(status);
        markdown.Should().Contain("[The bridge was not approved in 2024](https://fullfact.org/online/bridge-2024/)").And.Contain("rated \u201CFalse\u201D");
        var json = await harness.JsonOfAsync(status);
        json.Should().Contain("\"publisher\":\"Full Fact\"").And.Contain("\"rating\":\"False\"").And.Contain("\"quote\":");
    }

    [Fact]
    public async Task Run_LlmWithWikipedia_VerdictsCiteTheExtract()
    {
        await using var harness = new AutoIntelHarness(settings: LlmSettings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(_article, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Claims.Should().NotBeEmpty().And.OnlyContain(c => c.Verdict == Verdict.Supported && c.Method == "fake-model");
        briefing.Claims.Should().OnlyContain(c => c.Evidence.Count == 1 && c.Evidence[0].Id == "E1" && c.Evidence[0].Url == "https://en.wikipedia.org/wiki/Riverside_Bridge");
        _llm.ChatRequests.Where(r => r.SchemaName == "claim_verification").Should().OnlyContain(r => r.LastUser.Contains("evidence E1 from wikipedia", StringComparison.Ordinal));
        (await harness.MarkdownOfAsync(status)).Should().Contain("[Riverside Bridge](https://en.wikipedia.org/wiki/Riverside_Bridge)");
    }

    [Fact]
    public async Task Run_SameContentTwice_SecondRunTakesEvidenceFromTheCache()
    {
        await using var harness = new AutoIntelHarness(settings: SearchSettings());
        var runtime = harness.CreateRuntime();

        var first = await harness.BriefingOfAsync(await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(_article, Depth.Quick)));
        var asked = _search.Requests.Count;
        var second = await harness.BriefingOfAsync(await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(_article, Depth.Quick)));

        asked.Should().Be(first.Claims.Count, "one query per claim");
        _search.Requests.Should().HaveCount(asked, "the second run's evidence came from the cache");
        // The second run also finds the first in memory; the search's items are the same ones.
        second.Claims.SelectMany(c => c.Evidence).Where(e => e.Source == "searxng").Should().BeEquivalentTo(first.Claims.SelectMany(c => c.Evidence).Where(e => e.Source == "searxng"));
        second.Claims.Should().Contain(c => c.Evidence.Any(e => e.Url == "https://news.example.org/bridge"));
    }

    [Fact]
    public async Task Run_EvidenceBudgetSpent_LaterClaimsUnverifiedWithTheReason()
    {
        var settings = SearchSettings();
        settings["Evidence:MaxQueriesPerRun"] = "1";
        await using var harness = new AutoIntelHarness(settings: settings);

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(_article, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        _search.Requests.Should().ContainSingle();
        var skipped = briefing.Claims.Where(c => c.Method == VerifyClaim.BudgetMethod).ToList();
        skipped.Should().HaveCount(briefing.Claims.Count - 1);
        skipped.Should().OnlyContain(c => c.Verdict == Verdict.Unverified && c.Rationale.Contains("Evidence__MaxQueriesPerRun", StringComparison.Ordinal));
        briefing.DegradationOf("verification")!.Reason.Should().Contain("evidence budget spent");
        briefing.Notes.Should().Contain(n => n.StartsWith("evidence: searxng: not asked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_FactCheckQuotaSpent_RunCompletesWithTheReasonNoted()
    {
        _factCheck.QuotaRemaining = 0;
        await using var harness = new AutoIntelHarness(settings: FactCheckSettings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(_article, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Claims.Should().NotBeEmpty().And.OnlyContain(c => c.Verdict == Verdict.Unverified);
        briefing.Notes.Should().Contain(n => n.Contains("factcheck: rate limited or out of quota (429: RESOURCE_EXHAUSTED", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("stadtrat.html", "<html lang=\"de\"><head><title>Die neue Brücke</title></head><body><article><p>Der Stadtrat hat die neue Brücke im Jahr 2024 genehmigt.</p></article></body></html>", "de")]
    [InlineData("conseil.txt", "Le conseil municipal a approuvé le nouveau pont en 2024, et les travaux doivent commencer au printemps.\n\nLes habitants qui vivent près de la rivière demandent depuis longtemps un second passage pour la ville.", "fr")]
    [InlineData("council.txt", null, "en")]
    public async Task Run_ContentInALanguage_WikiAndFactCheckAskedInIt(string file, string? text, string language)
    {
        // A German page says so in <html lang>; the French transcript says nothing and is detected; the English text too.
        var source = text is null ? _article : _files.Combine(file);
        if (text is not null)
        {
            await File.WriteAllTextAsync(source, text);
        }

        await using var harness = new AutoIntelHarness(settings: WithFactCheck(LlmSettings()));

        await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(source, Depth.Quick));

        _wiki.Requests.Should().NotBeEmpty().And.OnlyContain(r => r["$path"] == $"/{language}/w/api.php");
        _factCheck.Requests.Should().NotBeEmpty().And.OnlyContain(r => r["languageCode"] == language);
    }

    [Fact]
    public async Task Run_LongClaimNoPageHasEveryWord_FoundThroughTheShorterQuery()
    {
        await using var wiki = await StartBridgeWikiAsync();
        await using var harness = new AutoIntelHarness(settings: LongClaimSettings(wiki));

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(_article, Depth.Quick));

        var searches = wiki.Requests.Where(r => r.GetValueOrDefault("list") == "search").Select(r => r["srsearch"]).ToList();
        searches.Should().Equal("Riverside Bridge 40 million approved 2023", "Riverside Bridge");
        var claim = (await harness.BriefingOfAsync(status)).Claims.Should().ContainSingle().Subject;
        claim.Evidence.Should().ContainSingle().Which.Url.Should().Be("https://en.wikipedia.org/wiki/Riverside_Bridge");
    }

    [Fact]
    public async Task Run_LongClaimBudgetForOneQuery_NoShorterQuery()
    {
        await using var wiki = await StartBridgeWikiAsync();
        var settings = LongClaimSettings(wiki);
        settings["Evidence:MaxQueriesPerRun"] = "1";
        await using var harness = new AutoIntelHarness(settings: settings);

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(_article, Depth.Quick));

        wiki.Requests.Should().ContainSingle().Which["srsearch"].Should().Be("Riverside Bridge 40 million approved 2023");
        (await harness.BriefingOfAsync(status)).Claims.Should().ContainSingle().Which.Evidence.Should().BeEmpty();
    }

    // A wiki whose one page has the bridge's name but not the claim's figures, as its real article would.
    private static async Task<FakeMediaWikiServer> StartBridgeWikiAsync()
    {
        var wiki = await FakeMediaWikiServer.StartAsync();
        wiki.Add("en", "Riverside Bridge", "The Riverside Bridge is a road bridge over the Elm. It opened to traffic in 2025.");
        return wiki;
    }

    private Dictionary<string, string?> LongClaimSettings(FakeMediaWikiServer wiki)
    {
        _llm.Chat = LongClaimAnalyst;
        var settings = LlmSettings();
        settings["Evidence:Wikipedia:Endpoint"] = wiki.EndpointTemplate;
        return settings;
    }

    private const string LongClaim = "The Riverside Bridge, which reportedly cost about 40 million euros, was approved by the town council in 2023.";

    private static FakeReply LongClaimAnalyst(FakeChatRequest request) => request.SchemaName == "claim_extraction"
        ? FakeReply.Json($$"""{"claims":[{"text":"{{LongClaim}}","checkWorthiness":0.9}],"ignoredInstructions":[]}""")
        : FakeAnalyst.Answer(request);

    private Dictionary<string, string?> WithFactCheck(Dictionary<string, string?> settings)
    {
        settings["Evidence:FactCheck:ApiKey"] = _factCheck.ApiKey;
        settings["Evidence:FactCheck:Endpoint"] = _factCheck.Endpoint.AbsoluteUri;
        return settings;
    }

    private Dictionary<string, string?> FactCheckSettings() => new()
    {
        ["Fetch:AllowedHosts:0"] = "127.0.0.1",
        ["Evidence:FactCheck:ApiKey"] = _factCheck.ApiKey,
        ["Evidence:FactCheck:Endpoint"] = _factCheck.Endpoint.AbsoluteUri,
    };

    private Dictionary<string, string?> SearchSettings() => new()
    {
        ["Fetch:AllowedHosts:0"] = "127.0.0.1",
        ["Evidence:Searxng:Endpoint"] = _search.BaseAddress.AbsoluteUri,
    };

    private Dictionary<string, string?> LlmSettings() => new()
    {
        ["Fetch:AllowedHosts:0"] = "127.0.0.1",
        ["Llm:Endpoint"] = _llm.BaseUrl.ToString(),
        ["Llm:ApiKey"] = "test-key",
        ["Llm:Model"] = "fake-model",
        ["Llm:Resilience:BaseDelay"] = "00:00:00.001",
        ["Llm:Resilience:MaxDelay"] = "00:00:00.010",
        ["Evidence:Wikipedia:Endpoint"] = _wiki.EndpointTemplate,
    };
}
