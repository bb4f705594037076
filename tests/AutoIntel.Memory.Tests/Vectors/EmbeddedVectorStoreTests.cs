using AutoIntel.Memory.Vectors;
using AutoIntel.TestKit;

namespace AutoIntel.Memory.Tests.Vectors;

public sealed partial class EmbeddedVectorStoreTests : VectorStoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private EmbeddedVectorStore? _contractStore;

    // A folder of its own: the tests below open stores on _dir.Path, and a folder takes one store at a time.
    protected override IVectorStore Store => _contractStore ??= new EmbeddedVectorStore(_dir.Combine("contract"));

    public void Dispose()
    {
        _contractStore?.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task InMemory_UpsertSearchDelete_WorksWithoutWritingFiles()
    {
        using var store = EmbeddedVectorStore.InMemory();
        await store.UpsertAsync(Collection, [Rec("x", [1, 0, 0], ("family", "f1")), Rec("y", [0, 1, 0])]);

        IReadOnlyList<VectorHit> hits = await store.SearchAsync(Collection, [1, 0.1f, 0], topK: 1);
        int deleted = await store.DeleteAsync(Collection, ["x"]);

        hits.Single().Id.Should().Be("x");
        hits.Single().Payload["family"].Should().Be("f1");
        deleted.Should().Be(1);
        (await store.CountAsync(Collection)).Should().Be(1);
        (await store.SearchAsync("never-written", [1, 0, 0], 1)).Should().BeEmpty();
        store.RootPath.Should().BeNull();
    }

    [Fact]
    public async Task SearchAsync_FilterOnKeyThatIsNotIndexed_StillFiltersExactly()
    {
        using var store = new EmbeddedVectorStore(_dir.Path, indexedKeys: new HashSet<string> { "tenant" });
        await store.UpsertAsync(Collection, [Rec("a", [1, 0], ("tenant", "x"), ("kind", "chunk")), Rec("b", [1, 0], ("tenant", "x"), ("kind", "doc"))]);

        IReadOnlyList<VectorHit> hits = await store.SearchAsync(Collection, [1, 0], 10, Filter(("tenant", "x"), ("kind", "doc")));

        hits.Select(h => h.Id).Should().Equal("b");
        (await store.CountAsync(Collection, Filter(("kind", "nothing")))).Should().Be(0);
    }

    [Fact]
    public async Task UpsertAsync_IdMovesToAnotherTenantPartition_FoundOnlyUnderTheNewTenant()
    {
        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            await store.UpsertAsync(Collection, [Rec("a", [1, 0], ("tenant", "x")), Rec("b", [0, 1], ("tenant", "x")), Rec("c", [1, 1], ("tenant", "x"))]);

            await store.UpsertAsync(Collection, [Rec("a", [1, 0], ("tenant", "y"))]);
            await store.DeleteAsync(Collection, ["b"]);

            (await store.SearchAsync(Collection, [1, 0], 10, Filter(("tenant", "x")))).Select(h => h.Id).Should().Equal("c");
            (await store.SearchAsync(Collection, [1, 0], 10, Filter(("tenant", "y")))).Select(h => h.Id).Should().Equal("a");
        }

        using var reopened = new EmbeddedVectorStore(_dir.Path);
        (await reopened.CountAsync(Collection, Filter(("tenant", "x")))).Should().Be(1);
        (await reopened.SearchAsync(Collection, [1, 0], 10)).Select(h => h.Id).Should().Equal("a", "c");
    }

    [Fact]
    public async Task Reopen_AfterUpsertsReplacementsAndDeletes_RestoresSameState()
    {
        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            await store.UpsertAsync(Collection, [Rec("a", [1, 0], ("k", "1")), Rec("b", [0, 1]), Rec("c", [1, 1])]);
            await store.UpsertAsync(Collection, [Rec("a", [0.5f, 0.5f], ("k", "2"))]);
            await store.DeleteAsync(Collection, ["b"]);
        }

        using var reopened = new EmbeddedVectorStore(_dir.Path);

        (await reopened.CountAsync(Collection)).Should().Be(2);
        IReadOnlyList<VectorHit> hits = await reopened.SearchAsync(Collection, [1, 1], 10, Filter(("k", "2")));
        hits.Should().ContainSingle().Which.Id.Should().Be("a");
        hits[0].Score.Should().BeApproximately(1, 1e-5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public async Task Reopen_LogWithTornTail_KeepsIntactBatchesAndAcceptsNewWrites(int bytesCut)
    {
        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            await store.UpsertAsync(Collection, [Rec("kept", [1, 0])]);
            await store.UpsertAsync(Collection, [Rec("torn", [0, 1], ("pad", new string('p', 50)))]);
        }

        string log = _dir.Combine(Collection + ".vlog");
        using (var file = new FileStream(log, FileMode.Open))
        {
            file.SetLength(file.Length - bytesCut);
        }

        using (var reopened = new EmbeddedVectorStore(_dir.Path))
        {
            (await reopened.SearchAsync(Collection, [1, 1], 10)).Select(h => h.Id).Should().Equal("kept");
            await reopened.UpsertAsync(Collection, [Rec("after", [0, 1])]);
        }

        using var third = new EmbeddedVectorStore(_dir.Path);
        (await third.SearchAsync(Collection, [1, 1], 10)).Select(h => h.Id).Should().BeEquivalentTo(["kept", "after"]);
    }

    [Fact]
    public async Task Reopen_LogWithCorruptLastFrame_DropsThatFrameOnly()
    {
        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            await store.UpsertAsync(Collection, [Rec("kept", [1, 0])]);
            await store.UpsertAsync(Collection, [Rec("corrupt", [0, 1])]);
        }

        string log = _dir.Combine(Collection + ".vlog");
        byte[] bytes = await File.ReadAllBytesAsync(log);
        bytes[^3] ^= 0xFF;
        await File.WriteAllBytesAsync(log, bytes);

        using var reopened = new EmbeddedVectorStore(_dir.Path);

        (await reopened.SearchAsync(Collection, [1, 1], 10)).Select(h => h.Id).Should().Equal("kept");
    }

    [Fact]
    public async Task CompactAsync_AfterManyReplacements_ShrinksLogAndKeepsLiveRecords()
    {
        string log = _dir.Combine(Collection + ".vlog");
        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            for (int i = 0; i < 20; i++)
            {
                await store.UpsertAsync(Collection, [Rec("a", [1, i]), Rec("b", [i, 1])]);
            }

            long before = new FileInfo(log).Length;
            await store.CompactAsync(Collection);
            new FileInfo(log).Length.Should().BeLessThan(before / 5);
            await store.UpsertAsync(Collection, [Rec("c", [1, 1])]);
        }

        using var reopened = new EmbeddedVectorStore(_dir.Path);
        (await reopened.CountAsync(Collection)).Should().Be(3);
        (await reopened.SearchAsync(Collection, [19, 1], 1)).Single().Id.Should().Be("b");
    }

    [Fact]
    public async Task Reopen_LogMostlySuperseded_CompactsOnOpen()
    {
        string log = _dir.Combine(Collection + ".vlog");
        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            for (int round = 0; round < 30; round++)
            {
                await store.UpsertAsync(Collection, [.. Enumerable.Range(0, 50).Select(i => Rec($"r{i}", [1, round, i]))]);
            }
        }

        long before = new FileInfo(log).Length;

        using var reopened = new EmbeddedVectorStore(_dir.Path);
        (await reopened.CountAsync(Collection)).Should().Be(50);

        new FileInfo(log).Length.Should().BeLessThan(before / 10);
        (await reopened.SearchAsync(Collection, [1, 29, 0], 1)).Single().Id.Should().Be("r0");
    }

    [Fact]
    public async Task Constructor_FolderAlreadyOpenByAnotherStore_Throws()
    {
        using var first = new EmbeddedVectorStore(_dir.Path);
        await first.UpsertAsync(Collection, [Rec("a", [1, 0])]);

        Action act = () => new EmbeddedVectorStore(_dir.Path).Dispose();

        act.Should().Throw<IOException>().WithMessage("*already open*");
        (await first.CountAsync(Collection)).Should().Be(1);
    }

    [Fact]
    public async Task UpsertAsync_ConcurrentWritersAndReaders_AllRecordsStoredAndPersisted()
    {
        const int Writers = 8;
        const int BatchesPerWriter = 25;
        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            await WriteConcurrentlyAsync(store, Writers, BatchesPerWriter, readerSearches: 200);

            (await store.CountAsync(Collection)).Should().Be(Writers * BatchesPerWriter * 4);
        }

        using var reopened = new EmbeddedVectorStore(_dir.Path);
        (await reopened.CountAsync(Collection)).Should().Be(Writers * BatchesPerWriter * 4);
        (await reopened.CountAsync(Collection, Filter(("w", "3")))).Should().Be(BatchesPerWriter * 4);
    }

    [Fact]
    public async Task SearchAsync_UnknownCollection_EmptyAndCreatesNoFile()
    {
        using var store = new EmbeddedVectorStore(_dir.Path);

        IReadOnlyList<VectorHit> hits = await store.SearchAsync("nothing", [1, 0], 3);

        hits.Should().BeEmpty();
        File.Exists(_dir.Combine("nothing.vlog")).Should().BeFalse();
    }

    [Fact]
    public async Task DeleteAsync_RowsAcrossManyCodeBlocks_RemainingOnesFoundAsByExactSearch()
    {
        // Deleting moves the last row into the freed one, from one block of codes into another; reopening rebuilds them from the log.
        var random = new Random(11);
        float[][] vectors = [.. Enumerable.Range(0, 1500).Select(_ => RandomVector(random, 384))];
        float[][] queries = [.. Enumerable.Range(0, 10).Select(_ => RandomVector(random, 384))];
        async Task ShouldFindTheRemainingAsync(EmbeddedVectorStore store)
        {
            (await store.CountAsync(Collection)).Should().Be(1000);
            foreach (float[] query in queries)
            {
                string[] expected = [.. vectors
                    .Select((v, i) => (Id: $"v{i}", Index: i, Score: System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(v, query)))
                    .Where(x => x.Index % 3 != 0)
                    .OrderByDescending(x => x.Score)
                    .Take(10)
                    .Select(x => x.Id)];

                (await store.SearchAsync(Collection, query, 10)).Select(h => h.Id).Should().Equal(expected);
            }
        }

        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            await store.UpsertAsync(Collection, [.. vectors.Select((v, i) => Rec($"v{i}", v))]);
            await store.DeleteAsync(Collection, [.. Enumerable.Range(0, vectors.Length).Where(i => i % 3 == 0).Select(i => $"v{i}")]);
            await ShouldFindTheRemainingAsync(store);
        }

        using var reopened = new EmbeddedVectorStore(_dir.Path);
        await ShouldFindTheRemainingAsync(reopened);
    }

    [Fact]
    public async Task SearchAsync_ThousandsOfRandomVectors_SameTopTenAsExactBruteForce()
    {
        var random = new Random(7);
        float[][] vectors = [.. Enumerable.Range(0, 5000).Select(_ => RandomVector(random, 384))];
        using var store = new EmbeddedVectorStore(_dir.Path);
        await store.UpsertAsync(Collection, [.. vectors.Select((v, i) => Rec($"v{i}", v))]);

        for (int q = 0; q < 20; q++)
        {
            float[] query = RandomVector(random, 384);
            string[] expected = [.. vectors
                .Select((v, i) => (Id: $"v{i}", Score: System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(v, query)))
                .OrderByDescending(x => x.Score)
                .Take(10)
                .Select(x => x.Id)];

            IReadOnlyList<VectorHit> hits = await store.SearchAsync(Collection, query, 10);

            hits.Select(h => h.Id).Should().Equal(expected);
        }
    }
}

/// <summary>The contract against the in-memory variant (no logs).</summary>
public sealed class InMemoryEmbeddedVectorStoreTests : VectorStoreContractTests, IDisposable
{
    private readonly EmbeddedVectorStore _store = EmbeddedVectorStore.InMemory();

    protected override IVectorStore Store => _store;

    public void Dispose() => _store.Dispose();
}
