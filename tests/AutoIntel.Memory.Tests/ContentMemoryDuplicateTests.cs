namespace AutoIntel.Memory.Tests;

public sealed class ContentMemoryDuplicateTests : IDisposable
{
    private readonly MemoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task FindNearDuplicateAsync_SameTextSlightlyEdited_MatchesEarlierRun()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [MemoryFixture.Article], []);
        string edited = MemoryFixture.Article
            .Replace("on Tuesday", "on Wednesday", StringComparison.Ordinal)
            .Replace("next spring", "early next year", StringComparison.Ordinal) + " Updated at 18:00.";

        DuplicateMatch? match = await _fx.Memory.FindNearDuplicateAsync("guild-a", "run-2", edited);

        match.Should().NotBeNull();
        match!.RunId.Should().Be("run-1");
        match.Source.Should().Be("https://news.example/tram");
        match.Similarity.Should().BeGreaterThanOrEqualTo(_fx.Options.DuplicateThreshold).And.BeLessThan(1);
    }

    [Fact]
    public async Task FindNearDuplicateAsync_ChunkedDifferently_StillMatches()
    {
        string[] sentences = MemoryFixture.Article.Split(". ");
        await _fx.Memory.RememberAsync("guild-a", "run-1", "tram.txt", [string.Join(". ", sentences[..3]), string.Join(". ", sentences[3..])], []);

        DuplicateMatch? match = await _fx.Memory.FindNearDuplicateAsync("guild-a", "run-2", MemoryFixture.Article);

        match?.RunId.Should().Be("run-1");
        match.Should().NotBeNull();
    }

    [Fact]
    public async Task FindNearDuplicateAsync_UnrelatedText_NoMatch()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "tram.txt", [MemoryFixture.Article], []);

        DuplicateMatch? match = await _fx.Memory.FindNearDuplicateAsync("guild-a", "run-2", MemoryFixture.Unrelated);

        match.Should().BeNull();
    }

    [Fact]
    public async Task FindNearDuplicateAsync_OnlyTheCurrentRunStored_NoMatch()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "tram.txt", [MemoryFixture.Article], []);

        DuplicateMatch? match = await _fx.Memory.FindNearDuplicateAsync("guild-a", "run-1", MemoryFixture.Article);

        match.Should().BeNull();
    }

    [Fact]
    public async Task FindNearDuplicateAsync_CurrentRunAndAnEarlierOne_ReturnsTheEarlierOne()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "first.txt", [MemoryFixture.Article], []);
        await _fx.Memory.RememberAsync("guild-a", "run-2", "second.txt", [MemoryFixture.Article], []);

        DuplicateMatch? match = await _fx.Memory.FindNearDuplicateAsync("guild-a", "run-2", MemoryFixture.Article);

        match!.RunId.Should().Be("run-1");
        match.Similarity.Should().BeApproximately(1, 1e-3);
    }

    [Fact]
    public async Task FindNearDuplicateAsync_SameTextInAnotherTenant_NoMatch()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "tram.txt", [MemoryFixture.Article], []);

        DuplicateMatch? match = await _fx.Memory.FindNearDuplicateAsync("guild-b", "run-2", MemoryFixture.Article);

        match.Should().BeNull();
    }

    [Fact]
    public async Task FindNearDuplicateAsync_TextInParts_SameMatchAsTheJoinedText()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "tram.txt", [MemoryFixture.Article], []);
        string[] parts = MemoryFixture.Article.Split(". ");

        DuplicateMatch? joined = await _fx.Memory.FindNearDuplicateAsync("guild-a", "run-2", string.Join("\n", parts));
        DuplicateMatch? inParts = await _fx.Memory.FindNearDuplicateAsync("guild-a", "run-2", parts);

        joined.Should().NotBeNull();
        inParts.Should().Be(joined);
    }

    [Fact]
    public async Task FindNearDuplicateAsync_OnlyBlankParts_NoMatch()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "tram.txt", [MemoryFixture.Article], []);

        DuplicateMatch? match = await _fx.Memory.FindNearDuplicateAsync("guild-a", "run-2", ["", "  \n "]);

        match.Should().BeNull();
    }
}
