using System.Numerics.Tensors;
using AutoIntel.Memory.Vectors;

namespace AutoIntel.Memory.Tests.Vectors;

/// <summary>Behaviour every <see cref="IVectorStore"/> must share; each implementation runs these through a subclass.</summary>
public abstract class VectorStoreContractTests
{
    protected const string Collection = "test";

    /// <summary>A fresh, empty store for this test (created on first use, disposed by the subclass).</summary>
    protected abstract IVectorStore Store { get; }

    [Fact]
    public async Task SearchAsync_SeveralRecords_ReturnsTopKByCosineBestFirst()
    {
        await Store.UpsertAsync(Collection, [Rec("x", [1, 0, 0]), Rec("xy", [1, 1, 0]), Rec("y", [0, 1, 0]), Rec("neg", [-1, 0, 0])]);

        IReadOnlyList<VectorHit> hits = await Store.SearchAsync(Collection, [2, 0.1f, 0], topK: 2);

        hits.Select(h => h.Id).Should().Equal("x", "xy");
        hits[0].Score.Should().BeGreaterThan(hits[1].Score);
        hits[0].Score.Should().BeApproximately(0.9988, 1e-3);
    }

    [Fact]
    public async Task SearchAsync_OppositeVector_ScoresMinusOne()
    {
        await Store.UpsertAsync(Collection, [Rec("neg", [-3, 0])]);

        VectorHit hit = (await Store.SearchAsync(Collection, [1, 0], 1)).Single();

        hit.Score.Should().BeApproximately(-1, 1e-3);
    }

    [Fact]
    public async Task SearchAsync_Hit_CarriesIdAndPayload()
    {
        await Store.UpsertAsync(Collection, [Rec("guild-a/run-1/chunk/0.1", [1, 0, 0], ("family", "f1"), ("text", "Ünïcödé \"quoted\"")), Rec("y", [0, 1, 0])]);

        VectorHit hit = (await Store.SearchAsync(Collection, [1, 0.1f, 0], topK: 1)).Single();

        hit.Id.Should().Be("guild-a/run-1/chunk/0.1");
        hit.Payload.Should().BeEquivalentTo(new Dictionary<string, string> { ["family"] = "f1", ["text"] = "Ünïcödé \"quoted\"" });
    }

    [Fact]
    public async Task UpsertAsync_SameId_ReplacesVectorAndPayload()
    {
        await Store.UpsertAsync(Collection, [Rec("a", [1, 0], ("v", "1"))]);

        await Store.UpsertAsync(Collection, [Rec("a", [0, 1], ("v", "2"))]);

        (await Store.CountAsync(Collection)).Should().Be(1);
        VectorHit hit = (await Store.SearchAsync(Collection, [0, 1], 5)).Single();
        hit.Score.Should().BeApproximately(1, 1e-5);
        hit.Payload["v"].Should().Be("2");
        (await Store.CountAsync(Collection, Filter(("v", "1")))).Should().Be(0);
    }

    [Fact]
    public async Task SearchAsync_WithFilter_ReturnsOnlyRecordsMatchingEveryKey()
    {
        await Store.UpsertAsync(Collection,
        [
            Rec("a1", [1, 0], ("tenant", "a"), ("kind", "chunk")),
            Rec("a2", [1, 0.1f], ("tenant", "a"), ("kind", "verdict")),
            Rec("b1", [1, 0], ("tenant", "b"), ("kind", "chunk")),
        ]);

        IReadOnlyList<VectorHit> hits = await Store.SearchAsync(Collection, [1, 0], 10, Filter(("tenant", "a"), ("kind", "chunk")));
        IReadOnlyList<VectorHit> none = await Store.SearchAsync(Collection, [1, 0], 10, Filter(("tenant", "c")));

        hits.Select(h => h.Id).Should().Equal("a1");
        none.Should().BeEmpty();
        (await Store.CountAsync(Collection, Filter(("tenant", "a")))).Should().Be(2);
    }

    [Fact]
    public async Task SearchAsync_FilterOnLongValue_ComparesExactly()
    {
        string longText = new('x', 500);
        await Store.UpsertAsync(Collection, [Rec("long", [1, 0], ("text", longText)), Rec("other", [1, 0], ("text", longText + "y"))]);

        IReadOnlyList<VectorHit> hits = await Store.SearchAsync(Collection, [1, 0], 10, Filter(("text", longText)));

        hits.Select(h => h.Id).Should().Equal("long");
    }

    [Fact]
    public async Task DeleteAsync_ExistingAndMissingIds_RemovesAndCountsExisting()
    {
        await Store.UpsertAsync(Collection, [Rec("a", [1, 0]), Rec("b", [0, 1]), Rec("c", [1, 1])]);

        int deleted = await Store.DeleteAsync(Collection, ["a", "zzz"]);

        deleted.Should().Be(1);
        (await Store.CountAsync(Collection)).Should().Be(2);
        (await Store.SearchAsync(Collection, [1, 0], 10)).Select(h => h.Id).Should().BeEquivalentTo(["c", "b"]);
    }

    [Fact]
    public async Task DeleteAsync_RowMovedIntoHole_FiltersStillMatchTheRightRecords()
    {
        await Store.UpsertAsync(Collection, [Rec("a", [1, 0], ("t", "x")), Rec("b", [0, 1], ("t", "y")), Rec("c", [1, 1], ("t", "x"), ("extra", "1"))]);

        await Store.DeleteAsync(Collection, ["a"]);
        await Store.UpsertAsync(Collection, [Rec("c", [1, 1], ("t", "y"))]);

        (await Store.CountAsync(Collection, Filter(("t", "x")))).Should().Be(0);
        (await Store.CountAsync(Collection, Filter(("extra", "1")))).Should().Be(0);
        (await Store.SearchAsync(Collection, [1, 0], 10, Filter(("t", "y")))).Select(h => h.Id).Should().Equal("c", "b");
    }

    [Fact]
    public async Task UpsertAsync_IdMovesToAnotherTenant_FoundOnlyUnderTheNewTenant()
    {
        await Store.UpsertAsync(Collection, [Rec("a", [1, 0], ("tenant", "x")), Rec("b", [0, 1], ("tenant", "x")), Rec("c", [1, 1], ("tenant", "x"))]);

        await Store.UpsertAsync(Collection, [Rec("a", [1, 0], ("tenant", "y"))]);
        await Store.DeleteAsync(Collection, ["b"]);

        (await Store.SearchAsync(Collection, [1, 0], 10, Filter(("tenant", "x")))).Select(h => h.Id).Should().Equal("c");
        (await Store.SearchAsync(Collection, [1, 0], 10, Filter(("tenant", "y")))).Select(h => h.Id).Should().Equal("a");
    }

    [Fact]
    public async Task UpsertAsync_DimensionMismatch_ThrowsAndKeepsRecords()
    {
        await Store.UpsertAsync(Collection, [Rec("a", [1, 0])]);

        Func<Task> act = () => Store.UpsertAsync(Collection, [Rec("b", [1, 0, 0])]);

        await act.Should().ThrowAsync<ArgumentException>();
        (await Store.CountAsync(Collection)).Should().Be(1);
    }

    [Fact]
    public async Task UpsertAsync_SameIdTwiceInOneBatch_Throws()
    {
        Func<Task> act = () => Store.UpsertAsync(Collection, [Rec("a", [1, 0]), Rec("a", [0, 1])]);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*twice*");
    }

    [Fact]
    public async Task UnknownCollection_SearchCountDelete_EmptyZeroZero()
    {
        (await Store.SearchAsync("nothing", [1, 0], 3)).Should().BeEmpty();
        (await Store.CountAsync("nothing")).Should().Be(0);
        (await Store.CountAsync("nothing", Filter(("tenant", "a")))).Should().Be(0);
        (await Store.DeleteAsync("nothing", ["a"])).Should().Be(0);
    }

    [Fact]
    public async Task SearchAsync_InvalidCollectionName_Throws()
    {
        Func<Task> act = () => Store.SearchAsync("../escape", [1, 0], 3);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task SearchAsync_HundredsOfRandomVectors_SameTopTenAsExactBruteForce()
    {
        var random = new Random(11);
        float[][] vectors = [.. Enumerable.Range(0, 600).Select(_ => RandomVector(random, 64))];
        await Store.UpsertAsync(Collection, [.. vectors.Select((v, i) => Rec($"v{i}", v))]);

        for (int q = 0; q < 10; q++)
        {
            float[] query = RandomVector(random, 64);
            string[] expected = [.. vectors
                .Select((v, i) => (Id: $"v{i}", Score: TensorPrimitives.CosineSimilarity(v, query)))
                .OrderByDescending(x => x.Score)
                .Take(10)
                .Select(x => x.Id)];

            IReadOnlyList<VectorHit> hits = await Store.SearchAsync(Collection, query, 10);

            hits.Select(h => h.Id).Should().Equal(expected);
        }
    }

    [Fact]
    public async Task UpsertAsync_ConcurrentWritersAndReaders_AllRecordsStored()
    {
        const int Writers = 6;
        const int BatchesPerWriter = 10;
        await WriteConcurrentlyAsync(Store, Writers, BatchesPerWriter, readerSearches: 50);

        (await Store.CountAsync(Collection)).Should().Be(Writers * BatchesPerWriter * 4);
        (await Store.CountAsync(Collection, Filter(("w", "3")))).Should().Be(BatchesPerWriter * 4);
    }

    /// <summary>Writers upsert batches of 4 records (payload <c>w</c> = writer) and search between them while a reader searches;
    /// the reader asserts it never sees an id twice.</summary>
    protected static async Task WriteConcurrentlyAsync(IVectorStore store, int writers, int batchesPerWriter, int readerSearches)
    {
        Task[] writing = [.. Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (int b = 0; b < batchesPerWriter; b++)
            {
                VectorRecord[] batch = [.. Enumerable.Range(0, 4).Select(i => Rec($"{w}-{b}-{i}", [(float)random.NextDouble(), (float)random.NextDouble(), 1], ("w", $"{w}")))];
                await store.UpsertAsync(Collection, batch);
                await store.SearchAsync(Collection, [1, 0, 0], 5, Filter(("w", $"{w}")));
            }
        }))];
        Task reader = Task.Run(async () =>
        {
            for (int i = 0; i < readerSearches; i++)
            {
                IReadOnlyList<VectorHit> hits = await store.SearchAsync(Collection, [0, 1, 0], 10);
                hits.Should().OnlyHaveUniqueItems(h => h.Id);
            }
        });

        await Task.WhenAll([.. writing, reader]);
    }

    protected static float[] RandomVector(Random random, int dims) =>
        [.. Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() * 2 - 1))];

    protected static VectorRecord Rec(string id, float[] vector, params (string Key, string Value)[] payload) =>
        new(id, vector, payload.ToDictionary(p => p.Key, p => p.Value));

    protected static Dictionary<string, string> Filter(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
