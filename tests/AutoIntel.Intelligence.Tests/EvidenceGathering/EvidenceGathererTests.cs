using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.EvidenceGathering;
using AutoIntel.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AutoIntel.Intelligence.Tests.GatewayTests;

namespace AutoIntel.Intelligence.Tests.EvidenceGathering;

public sealed class EvidenceGathererTests
{
    private static readonly Claim Bridge = new("c1", "The town council approved the new bridge in 2024.", 0, 0.9);
    private static readonly Claim LongClaim = new("c2", "The Riverside Bridge, which reportedly cost about 40 million euros, was approved by the town council in 2023.", 0, 0.9);

    [Fact]
    public async Task Gather_SameClaimTwice_SecondAnswerFromTheCache()
    {
        var wiki = new CountingSource("wikipedia", _ => [new Evidence("wikipedia", "The council approved the bridge in 2023.", 0) { Title = "Riverside Bridge" }]);
        await using var services = Build([wiki]);
        var gatherer = services.GetRequiredService<EvidenceGatherer>();

        var first = await gatherer.GatherAsync(Request(run: "run-1"), Bridge, "en");
        var second = await gatherer.GatherAsync(Request(run: "run-2"), Bridge with { Text = "the town council approved the new bridge in 2024" }, "en");

        wiki.Calls.Should().Be(1);
        second.CacheHits.Should().Be(1);
        second.Items.Should().BeEquivalentTo(first.Items);
        first.Items.Should().ContainSingle().Which.Relevance.Should().Be(0.5, "3 of the claim's 6 content terms are in the title and extract");
    }

    [Fact]
    public async Task Gather_OtherLanguage_NotTheCachedAnswer()
    {
        var wiki = new CountingSource("wikipedia", q => [new Evidence("wikipedia", $"extract in {q.Language}", 0)]);
        await using var services = Build([wiki]);
        var gatherer = services.GetRequiredService<EvidenceGatherer>();

        await gatherer.GatherAsync(Request(), Bridge, "en");
        var german = await gatherer.GatherAsync(Request(), Bridge, "de");

        wiki.Calls.Should().Be(2);
        german.Items.Should().ContainSingle().Which.Quote.Should().Be("extract in de");
    }

    [Fact]
    public async Task Gather_BudgetSpent_LaterSourcesNotAskedAndSaysWhy()
    {
        var factCheck = new CountingSource("factcheck", _ => []);
        var wiki = new CountingSource("wikipedia", _ => []);
        await using var services = Build([factCheck, wiki], new() { ["Evidence:MaxQueriesPerRun"] = "3" });
        var gatherer = services.GetRequiredService<EvidenceGatherer>();

        var first = await gatherer.GatherAsync(Request(), Bridge, null);
        var second = await gatherer.GatherAsync(Request(), Bridge with { Text = "Another claim about taxes." }, null);

        first.OverBudget.Should().BeFalse();
        second.OverBudget.Should().BeTrue();
        (factCheck.Calls + wiki.Calls).Should().Be(3);
        second.Problems.Should().ContainSingle().Which.Should().Contain("evidence budget for this run is spent").And.Contain("Evidence__MaxQueriesPerRun");
    }

    [Fact]
    public async Task Gather_CostCap_PaidSourceStopsWhenTheNextQueryWouldCrossIt()
    {
        var brave = new CountingSource("brave", _ => [], cost: 0.005m);
        await using var services = Build([brave], new() { ["Evidence:MaxCostUsdPerRun"] = "0.012" });
        var gatherer = services.GetRequiredService<EvidenceGatherer>();

        for (var i = 0; i < 4; i++)
        {
            await gatherer.GatherAsync(Request(), Bridge with { Text = $"Claim number {i} about bridges." }, null);
        }

        brave.Calls.Should().Be(2);
    }

    [Fact]
    public async Task Gather_SourceRateLimited_OthersKeptAndSourceRestsUntilRetryAfter()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var limited = new CountingSource("brave", _ => throw new EvidenceUnavailableException("brave", "rate limited or out of quota (429: RATE_LIMITED)", TimeSpan.FromSeconds(30)));
        var wiki = new CountingSource("wikipedia", _ => [new Evidence("wikipedia", "An extract.", 0)]);
        await using var services = Build([limited, wiki], time: time);
        var gatherer = services.GetRequiredService<EvidenceGatherer>();

        var first = await gatherer.GatherAsync(Request(), Bridge, null);
        var resting = await gatherer.GatherAsync(Request(), Bridge with { Text = "A second claim." }, null);
        time.Advance(TimeSpan.FromSeconds(31));
        await gatherer.GatherAsync(Request(), Bridge with { Text = "A third claim." }, null);

        first.Items.Should().ContainSingle().Which.Source.Should().Be("wikipedia");
        first.Problems.Should().ContainSingle().Which.Should().Be("brave: rate limited or out of quota (429: RATE_LIMITED)");
        resting.Problems.Should().ContainSingle().Which.Should().Contain("skipped, rate limited until 08:00:30 UTC");
        limited.Calls.Should().Be(2, "asked, rested while the Retry-After ran, then asked again");
    }

    [Theory]
    [InlineData("de-DE", "de")]
    [InlineData("pt_BR", "pt")]
    [InlineData("zh-Hans", "zh")]
    [InlineData(null, "en")]
    [InlineData("not a language", "en")]
    public async Task Gather_CaptionLanguage_SourcesAskedInItsPrimaryLanguage(string? language, string expected)
    {
        var wiki = new CountingSource("wikipedia", q => [new Evidence("wikipedia", q.Language, 0)]);
        await using var services = Build([wiki]);

        var result = await services.GetRequiredService<EvidenceGatherer>().GatherAsync(Request(), Bridge, language);

        result.Items.Should().ContainSingle().Which.Quote.Should().Be(expected);
    }

    [Fact]
    public async Task Gather_LanguageConfigured_OverridesTheContentsLanguage()
    {
        var wiki = new CountingSource("wikipedia", q => [new Evidence("wikipedia", q.Language, 0)]);
        await using var services = Build([wiki], new() { ["Evidence:Language"] = "fr" });

        var result = await services.GetRequiredService<EvidenceGatherer>().GatherAsync(Request(), Bridge, "de");

        result.Items.Should().ContainSingle().Which.Quote.Should().Be("fr");
    }

    [Fact]
    public async Task Gather_EveryKeywordSourceFindsNothing_AskedOnceMoreWithTheShorterQuery()
    {
        var wiki = new CountingSource("wikipedia", q => q.Keywords == "Riverside Bridge" ? [new Evidence("wikipedia", "The Riverside Bridge opened in 2025.", 0)] : [], everyKeyword: true);
        var search = new CountingSource("searxng", _ => []);
        await using var services = Build([wiki, search]);

        var result = await services.GetRequiredService<EvidenceGatherer>().GatherAsync(Request(), LongClaim, "en");

        wiki.Keywords.Should().Equal("Riverside Bridge 40 million approved 2023", "Riverside Bridge");
        search.Calls.Should().Be(1, "a source that does not need every word gets no second query");
        result.Items.Should().ContainSingle().Which.Quote.Should().Contain("Riverside Bridge");
    }

    [Fact]
    public async Task Gather_ShorterQueryOverBudget_NotAskedAndTheEmptyAnswerNotCached()
    {
        var wiki = new CountingSource("wikipedia", _ => [], everyKeyword: true);
        await using var services = Build([wiki], new() { ["Evidence:MaxQueriesPerRun"] = "1" });
        var gatherer = services.GetRequiredService<EvidenceGatherer>();

        var first = await gatherer.GatherAsync(Request(run: "run-1"), LongClaim, "en");
        var second = await gatherer.GatherAsync(Request(run: "run-2"), LongClaim, "en");

        wiki.Calls.Should().Be(2, "one query per run: the budget had no room for the shorter one");
        second.CacheHits.Should().Be(0, "an answer cut short by the budget is not the source's answer");
        first.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Gather_SourceThrowsUnexpectedly_OnlyItsItemsLost()
    {
        var broken = new CountingSource("brave", _ => throw new FormatException("bad number"));
        var wiki = new CountingSource("wikipedia", _ => [new Evidence("wikipedia", "An extract.", 0)]);
        await using var services = Build([broken, wiki]);

        var result = await services.GetRequiredService<EvidenceGatherer>().GatherAsync(Request(), Bridge, null);

        result.Items.Should().ContainSingle().Which.Source.Should().Be("wikipedia");
        result.Problems.Should().ContainSingle().Which.Should().Be("brave: failed (FormatException: bad number)");
    }

    [Fact]
    public async Task Gather_NoSources_NothingAndNoProblems()
    {
        await using var services = Build([]);

        var result = await services.GetRequiredService<EvidenceGatherer>().GatherAsync(Request(), Bridge, null);

        result.Items.Should().BeEmpty();
        result.Problems.Should().BeEmpty();
    }

    private static ServiceProvider Build(IEnumerable<IEvidenceSource> sources, Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection().AddSingleton(time ?? TimeProvider.System).AddSingleton<IArtifactStore>(new TestArtifactStore());
        foreach (var source in sources)
        {
            services.AddSingleton<IEvidenceSource>(source);
        }

        return services.AddAutoIntelIntelligence(configuration).BuildServiceProvider();
    }

    // A unit seam: an in-process source that counts queries (the real sources are tested against their API fakes in Ingestion.Tests).
    private sealed class CountingSource(string name, Func<EvidenceQuery, IReadOnlyList<Evidence>> answer, decimal cost = 0, bool everyKeyword = false) : IEvidenceSource
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _keywords = new();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public IReadOnlyList<string> Keywords => [.. _keywords];

        public string Name => name;

        public decimal CostPerQueryUsd => cost;

        public bool MatchesEveryKeyword => everyKeyword;

        public Task<IReadOnlyList<Evidence>> SearchAsync(EvidenceQuery query, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            _keywords.Enqueue(query.Keywords);
            return Task.FromResult(answer(query));
        }
    }
}
