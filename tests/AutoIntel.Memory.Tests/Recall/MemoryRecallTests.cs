using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Recall;
using Microsoft.Extensions.Options;

namespace AutoIntel.Memory.Tests.Recall;

public sealed class MemoryRecallTests : IDisposable
{
    private const string Interview =
        "Jane Doe: The tram extension will cost 240 million euros and finish within three years. " +
        "Engineers presented a study showing that ridership doubled since 2015. " +
        "Mark Roe: I think the bus lanes would achieve similar results at a fraction of the cost.";

    private readonly MemoryFixture _fx = new();
    private readonly MemoryRecall _recall;

    public MemoryRecallTests() => _recall = new MemoryRecall(new HashingEmbedder(), _fx.Store, _fx.Graphs, Options.Create(_fx.Options));

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task SearchAsync_RememberedRun_ReturnsPassageClaimAndPeopleWithSources()
    {
        ClaimVerdict verdict = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "The tram extension will cost 240 million euros."), Verdict.Refuted);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [Interview], [verdict]);
        await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "https://news.example/tram", [new Entity("Jane Doe", "person", 2), new Entity("Mark Roe", "person", 1), new Entity("Tram", "other", 3)]);

        RecallResult result = await _recall.SearchAsync("guild-a", "how much will the tram extension cost?");

        RecalledPassage passage = result.Passages.Should().NotBeEmpty().And.Subject.First();
        passage.Source.Should().Be("https://news.example/tram");
        passage.RunId.Should().Be("run-1");
        passage.Speaker.Should().Be("Jane Doe");
        passage.Snippet.Should().Contain("240 million euros");
        RecalledClaim claim = result.Claims.Should().ContainSingle().Subject;
        claim.Verdict.Should().Be("Refuted");
        claim.Rationale.Should().Be("checked against the council minutes");
        result.People.Select(p => p.Name).Should().StartWith("Tram").And.Contain(["Jane Doe", "Mark Roe"]);
        result.People.Single(p => p.Name == "Jane Doe").Sources.Should().Equal("https://news.example/tram");
    }

    [Theory]
    [InlineData("would bus lanes achieve similar results?", "Mark Roe", "I think the bus lanes")]
    [InlineData("did ridership double since 2015?", "Jane Doe", "Engineers presented a study")]
    public async Task SearchAsync_SnippetInALaterSentence_NamesWhoSaysIt(string query, string speaker, string snippetStart)
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [Interview], []);

        RecallResult result = await _recall.SearchAsync("guild-a", query);

        RecalledPassage passage = result.Passages.Should().NotBeEmpty().And.Subject.First();
        passage.Speaker.Should().Be(speaker, "the passage opens with Jane Doe, but the snippet is where the query matches");
        passage.Snippet.Should().StartWith(snippetStart, "a leading label is shown as the speaker, not quoted");
    }

    [Fact]
    public async Task SearchAsync_MemoryOfAnotherGuild_NothingReturned()
    {
        ClaimVerdict verdict = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "The tram extension will cost 240 million euros."), Verdict.Refuted);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [Interview], [verdict]);
        await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "https://news.example/tram", [new Entity("Jane Doe", "person", 2)]);

        RecallResult result = await _recall.SearchAsync("guild-b", "Jane Doe tram extension cost");
        MemoryStats stats = await _recall.StatsAsync("guild-b");

        result.IsEmpty.Should().BeTrue();
        stats.Should().BeEquivalentTo(new { Runs = 0L, Passages = 0L, Claims = 0L, Entities = 0 });
    }

    [Fact]
    public async Task StatsAsync_RememberedRuns_CountsPerKind()
    {
        ClaimVerdict decided = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "Ridership doubled since 2015."), Verdict.Supported);
        ClaimVerdict open = MemoryFixture.Verdict(MemoryFixture.Claim("c-2", "Shops will lose money."), Verdict.Unverified);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "a", [MemoryFixture.Article], [decided, open]);
        await _fx.Memory.RememberAsync("guild-a", "run-2", "b", [MemoryFixture.Unrelated], []);
        await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "a", [new Entity("Jane Doe", "person", 2), new Entity("Tram", "other", 1)]);

        MemoryStats stats = await _recall.StatsAsync("guild-a");

        stats.Runs.Should().Be(2);
        stats.Passages.Should().BeGreaterThan(2);
        stats.Claims.Should().Be(2);
        stats.DecidedClaims.Should().Be(1);
        stats.Entities.Should().Be(2);
        stats.Links.Should().Be(1);
    }

    [Theory]
    [InlineData("", 5)]
    [InlineData("tram", 0)]
    [InlineData("tram", MemoryRecall.MaxLimit + 1)]
    public async Task SearchAsync_BadInput_Throws(string query, int limit)
    {
        Func<Task> act = () => _recall.SearchAsync("guild-a", query, limit);

        await act.Should().ThrowAsync<ArgumentException>();
    }
}
