using AutoIntel.Core.FactCheck;

namespace AutoIntel.Memory.Tests;

public sealed class ContentMemoryRememberTests : IDisposable
{
    private readonly MemoryFixture _fx = new(new MemoryOptions { EmbeddingBatchSize = 2 });

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task RememberAsync_ChunksAndVerdicts_StoresEachPlusDocumentFingerprint()
    {
        ClaimVerdict verdict = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "Ridership doubled."), Verdict.Supported);

        int stored = await _fx.Memory.RememberAsync("guild-a", "run-1", "src", ["one chunk", "two chunk", "three chunk"], [verdict]);

        stored.Should().Be(5);
        (await _fx.Store.CountAsync(_fx.Memory.Collection)).Should().Be(5);
        (await _fx.Store.CountAsync(_fx.Memory.Collection, new Dictionary<string, string> { ["kind"] = "chunk", ["tenant"] = "guild-a" })).Should().Be(3);
    }

    [Fact]
    public async Task RememberAsync_RetriedForSameRun_ReplacesInsteadOfDuplicating()
    {
        ClaimVerdict verdict = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "Ridership doubled."), Verdict.Supported);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "src", ["one chunk", "two chunk"], [verdict]);

        await _fx.Memory.RememberAsync("guild-a", "run-1", "src", ["one chunk", "two chunk"], [verdict]);

        (await _fx.Store.CountAsync(_fx.Memory.Collection)).Should().Be(4);
    }

    [Fact]
    public async Task RememberAsync_SameRunIdInTwoTenants_KeepsBoth()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "src", ["one chunk"], []);
        await _fx.Memory.RememberAsync("guild-b", "run-1", "src", ["one chunk"], []);

        (await _fx.Store.CountAsync(_fx.Memory.Collection)).Should().Be(4);
    }

    [Fact]
    public async Task RememberAsync_LongChunk_StoresItAsSeveralSentencePassages()
    {
        int stored = await _fx.Memory.RememberAsync("guild-a", "run-1", "tram.txt", [MemoryFixture.Article], []);

        var passages = await _fx.Store.CountAsync(_fx.Memory.Collection, new Dictionary<string, string> { ["kind"] = "chunk" });
        passages.Should().BeGreaterThan(1);
        stored.Should().Be((int)passages + 1);
    }
}
