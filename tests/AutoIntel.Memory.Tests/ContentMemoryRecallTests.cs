using AutoIntel.Core.FactCheck;

namespace AutoIntel.Memory.Tests;

public sealed class ContentMemoryRecallTests : IDisposable
{
    private readonly MemoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task RecallClaimAsync_EquivalentClaimDecidedEarlierInSameTenant_ReturnsOriginalVerdict()
    {
        ClaimVerdict stored = MemoryFixture.Verdict(MemoryFixture.Claim("c-old", "The tram extension will cost 240 million euros."), Verdict.Refuted);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [MemoryFixture.Article], [stored]);

        ClaimRecall recall = await _fx.Memory.RecallClaimAsync("guild-a", MemoryFixture.Claim("c-new", "the tram extension will cost 240 million EUROS"));

        recall.PriorVerdict.Should().BeEquivalentTo(stored);
        recall.PriorVerdict!.Method.Should().Be("gpt-test");
    }

    [Fact]
    public async Task RecallClaimAsync_SameClaimIdReworded_ReturnsNewestDecidedVerdict()
    {
        ClaimVerdict older = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "Ridership doubled since 2015."), Verdict.Mixed);
        ClaimVerdict newer = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "Ridership doubled since 2015."), Verdict.Supported);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "a", [], [older]);
        await Task.Delay(5);
        await _fx.Memory.RememberAsync("guild-a", "run-2", "b", [], [newer]);

        ClaimRecall recall = await _fx.Memory.RecallClaimAsync("guild-a", MemoryFixture.Claim("c-1", "Tram ridership on the line has doubled"));

        recall.PriorVerdict!.Verdict.Should().Be(Verdict.Supported);
    }

    [Fact]
    public async Task RecallClaimAsync_ClaimOfAKnownRun_NeverCitesItsOwnSourceOrTheSameQuoteTwice()
    {
        const string Claim = "The tram extension will cost 240 million euros.";
        const string Independent = "Auditors put the tram extension at 240 million euros after the spring review of council budgets.";
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [$"{Claim} The mayor defended the plan."], []);
        await _fx.Memory.RememberAsync("guild-a", "run-2", "/home/u/copy-of-tram.txt", [$"Council papers. {Claim} Nobody objected."], []);
        await _fx.Memory.RememberAsync("guild-a", "run-3", "https://audit.example/report", [Independent], []);
        await _fx.Memory.RememberAsync("guild-a", "run-4", "https://audit.example/mirror", [Independent], []);

        ClaimRecall recall = await _fx.Memory.RecallClaimAsync("guild-a", MemoryFixture.Claim("c-1", Claim), new ClaimOrigin("run-9", "https://news.example/tram"));

        // run-1 is an earlier run of the same link, run-2 the same words under another file name: neither is evidence for the claim.
        recall.Evidence.Should().NotBeEmpty();
        recall.Evidence.Should().NotContain(e => e.Source == "https://news.example/tram" || e.Source == "/home/u/copy-of-tram.txt");
        recall.Evidence.Select(e => e.Quote).Should().OnlyHaveUniqueItems();
        recall.Evidence.Should().ContainSingle(e => e.Quote.Contains("Auditors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecallClaimAsync_PassagesOfTheSameContentUnderAnotherName_NotCitedUnlessStoredWithoutHash()
    {
        const string Claim = "The tram extension will cost 240 million euros.";
        const string Related = "The mayor defended the tram extension and its cost to the city.";
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [Related], [], contentHash: "sha256-same");
        await _fx.Memory.RememberAsync("guild-a", "run-2", "https://old.example/tram", ["Before hashes: " + Related], []);
        await _fx.Memory.RememberAsync("guild-a", "run-3", "https://audit.example/report", ["Auditors put the tram extension at 240 million euros."], [], contentHash: "sha256-other");

        ClaimRecall recall = await _fx.Memory.RecallClaimAsync(
            "guild-a", MemoryFixture.Claim("c-1", Claim), new ClaimOrigin("run-9", "/home/u/copy-of-tram.txt", "sha256-same"));

        // run-1 is this content under another link; run-2 was stored without a hash, so only the other rules apply to it.
        recall.Evidence.Select(e => e.Source).Should().BeEquivalentTo(["https://audit.example/report", "https://old.example/tram"]);
    }

    [Fact]
    public async Task RecallClaimAsync_VerdictStoredByAnotherTenant_NothingReturned()
    {
        ClaimVerdict stored = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "The tram extension will cost 240 million euros."), Verdict.Refuted);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [MemoryFixture.Article], [stored]);

        ClaimRecall recall = await _fx.Memory.RecallClaimAsync("guild-b", MemoryFixture.Claim("c-1", "The tram extension will cost 240 million euros."));

        recall.PriorVerdict.Should().BeNull();
        recall.Evidence.Should().BeEmpty();
    }

    [Fact]
    public async Task RecallClaimAsync_OnlyUnverifiedStored_NoPriorVerdict()
    {
        ClaimVerdict unverified = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "The tram extension will cost 240 million euros."), Verdict.Unverified);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "src", [], [unverified]);

        ClaimRecall byId = await _fx.Memory.RecallClaimAsync("guild-a", MemoryFixture.Claim("c-1", "The tram extension will cost 240 million euros."));
        ClaimRecall byText = await _fx.Memory.RecallClaimAsync("guild-a", MemoryFixture.Claim("c-2", "The tram extension will cost 240 million euros."));

        byId.PriorVerdict.Should().BeNull();
        byText.PriorVerdict.Should().BeNull();
    }

    [Fact]
    public async Task RecallClaimAsync_UnrelatedClaim_NoPriorVerdict()
    {
        ClaimVerdict stored = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "The tram extension will cost 240 million euros."), Verdict.Refuted);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "src", [], [stored]);

        ClaimRecall recall = await _fx.Memory.RecallClaimAsync("guild-a", MemoryFixture.Claim("c-9", "The bus lanes will cost 240 million euros."));

        recall.PriorVerdict.Should().BeNull();
    }

    [Fact]
    public async Task RecallClaimAsync_RelatedPassagesStored_ReturnsBestPassagesWithSourceSnippetAndSimilarity()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [MemoryFixture.Article], []);
        await _fx.Memory.RememberAsync("guild-a", "run-2", "bread.txt", [MemoryFixture.Unrelated], []);

        ClaimRecall recall = await _fx.Memory.RecallClaimAsync("guild-a", MemoryFixture.Claim("c-1", "Tram ridership has doubled since 2015"));

        Evidence evidence = recall.Evidence.Should().ContainSingle().Subject;
        evidence.Source.Should().Be("https://news.example/tram");
        evidence.Url.Should().Be("https://news.example/tram");
        evidence.Quote.Should().Contain("ridership on the existing line has doubled since 2015");
        evidence.Relevance.Should().BeInRange(_fx.Options.PassageMinSimilarity, 1);
    }

    [Fact]
    public async Task RecallClaimAsync_AfterReopen_StillRecallsVerdict()
    {
        ClaimVerdict stored = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "The council approved a bicycle parking scheme."), Verdict.Supported);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "src", [], [stored]);

        _fx.Reopen();
        ClaimRecall recall = await _fx.Memory.RecallClaimAsync("guild-a", MemoryFixture.Claim("c-1", "The council approved a bicycle parking scheme."));

        recall.PriorVerdict.Should().BeEquivalentTo(stored);
    }
}
