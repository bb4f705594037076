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

    [Fact]
    public async Task RememberAsync_ChunksStreamed_StoresEarlierBatchesBeforeReadingLaterChunks()
    {
        var storedBeforeEachChunk = new List<long>();
        async IAsyncEnumerable<string> Chunks()
        {
            for (int i = 0; i < 6; i++)
            {
                storedBeforeEachChunk.Add(await _fx.Store.CountAsync(_fx.Memory.Collection));
                yield return $"chunk number {i} about trams.";
            }
        }

        int stored = await _fx.Memory.RememberAsync("guild-a", "run-1", "src", Chunks(), []);

        stored.Should().Be(7, "six one-passage chunks and the document fingerprint");
        storedBeforeEachChunk.Should().Equal([0, 0, 2, 2, 4, 4], "each batch of two passages is stored before the next chunk is read");
    }

    [Fact]
    public async Task RememberAsync_ChunksStreamedOrListed_StoreTheSameRecords()
    {
        string[] chunks = [.. MemoryFixture.Article.Split(". ").Select(s => s + ".")];
        using var listed = new MemoryFixture(new MemoryOptions { EmbeddingBatchSize = 2 });

        await listed.Memory.RememberAsync("guild-a", "run-1", "src", chunks, []);
        await _fx.Memory.RememberAsync("guild-a", "run-1", "src", chunks.ToAsyncEnumerable(), []);

        float[] query = new AutoIntel.Memory.Embeddings.HashingEmbedder().Embed(MemoryFixture.Article);
        var fromList = await listed.Store.SearchAsync(listed.Memory.Collection, query, 20);
        var fromStream = await _fx.Store.SearchAsync(_fx.Memory.Collection, query, 20);
        fromStream.Select(h => (h.Id, h.Score)).Should().Equal(fromList.Select(h => (h.Id, h.Score)));
    }
}
