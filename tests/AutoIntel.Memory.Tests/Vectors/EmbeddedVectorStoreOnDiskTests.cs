using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Text;
using AutoIntel.Memory.Vectors;

namespace AutoIntel.Memory.Tests.Vectors;

// A store with a folder keeps only ids, int8 codes and indexed columns in memory; float vectors and payloads are read
// back from the collection's log. These tests hold it to the in-memory store's answers, across reopen, crash and compaction.
public sealed partial class EmbeddedVectorStoreTests
{
    private const int Dims = 384;

    [Fact]
    public async Task SearchAsync_VectorsAndPayloadsOnDisk_SameHitsScoresAndPayloadsAsInMemoryAndExactSearch()
    {
        var random = new Random(11);
        VectorRecord[] records = [.. Enumerable.Range(0, 3000).Select(i => Passage(random, i, tenant: i % 3 == 0 ? "t1" : "t2"))];
        using var held = EmbeddedVectorStore.InMemory();
        await held.UpsertAsync(Collection, records);
        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            foreach (VectorRecord[] batch in records.Chunk(250))
            {
                await store.UpsertAsync(Collection, batch);
            }

            await ExpectSameAnswersAsync(store, held, records, new Random(12));
        }

        using var reopened = new EmbeddedVectorStore(_dir.Path);
        await ExpectSameAnswersAsync(reopened, held, records, new Random(12));
    }

    [Fact]
    public async Task Reopen_CopyOfLogTakenAtACrashMidAppend_ServesEveryAcknowledgedRecordFromDisk()
    {
        var random = new Random(21);
        VectorRecord[] acknowledged = [.. Enumerable.Range(0, 600).Select(i => Passage(random, i, "t"))];
        string log = _dir.Combine("live", Collection + ".vlog");
        string crashed = _dir.Combine("crashed");
        Directory.CreateDirectory(crashed);
        using (var store = new EmbeddedVectorStore(_dir.Combine("live")))
        {
            foreach (VectorRecord[] batch in acknowledged.Chunk(100))
            {
                await store.UpsertAsync(Collection, batch);
            }

            // What a kill -9 halfway through writing the next frame leaves on disk: every flushed frame, then half a frame.
            byte[] before = await File.ReadAllBytesAsync(log);
            await store.UpsertAsync(Collection, [.. Enumerable.Range(600, 50).Select(i => Passage(random, i, "t"))]);
            byte[] after = await File.ReadAllBytesAsync(log);
            await File.WriteAllBytesAsync(Path.Combine(crashed, Collection + ".vlog"), after[..(before.Length + ((after.Length - before.Length) / 2))]);
        }

        VectorRecord last = Passage(random, 9999, "t");
        using (var reopened = new EmbeddedVectorStore(crashed))
        {
            (await reopened.CountAsync(Collection)).Should().Be(acknowledged.Length);
            await ExpectExactTopTenAsync(reopened, acknowledged, new Random(22));
            await reopened.UpsertAsync(Collection, [last]);
        }

        using var third = new EmbeddedVectorStore(crashed);
        (await third.CountAsync(Collection)).Should().Be(acknowledged.Length + 1);
        (await third.SearchAsync(Collection, [.. acknowledged[5].Vector], 1)).Single().Payload["text"].Should().Be(acknowledged[5].Payload["text"]);
        (await third.ScanAsync(Collection)).Should().Contain(r => r.Id == last.Id && r.Payload["text"] == last.Payload["text"]);
    }

    [Fact]
    public async Task SearchAsync_ConcurrentReadersWhileRecordsAreReplacedDeletedAndCompacted_EveryHitCarriesItsOwnPayload()
    {
        var random = new Random(31);
        VectorRecord[] records = [.. Enumerable.Range(0, 1500).Select(i => Passage(random, i, "t"))];
        using var store = new EmbeddedVectorStore(_dir.Path);
        await store.UpsertAsync(Collection, records);
        using var done = new CancellationTokenSource();

        Task[] readers = [.. Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var queries = new Random(100 + r);
            int searches = 0;
            while (!done.IsCancellationRequested || searches < 20)
            {
                IReadOnlyList<VectorHit> hits = await store.SearchAsync(Collection, RandomVector(queries, Dims), 10, Filter(("tenant", "t")));
                hits.Should().HaveCount(10).And.OnlyHaveUniqueItems(h => h.Id);
                hits.Should().AllSatisfy(h => h.Payload["text"].Should().StartWith(h.Id + " "));
                searches++;
            }
        }))];

        var writes = new Random(32);
        for (int round = 0; round < 10; round++)
        {
            // Replace a hundred records (new text, new vector), delete ten, and compact every other round.
            await store.UpsertAsync(Collection, [.. Enumerable.Range(round * 100, 100).Select(i => Passage(writes, i, "t", version: round + 1))]);
            await store.DeleteAsync(Collection, [.. Enumerable.Range(1000 + (round * 10), 10).Select(i => $"p{i}")]);
            if (round % 2 == 1)
            {
                await store.CompactAsync(Collection);
            }
        }

        await done.CancelAsync();
        await Task.WhenAll(readers);

        (await store.CountAsync(Collection)).Should().Be(1400);
        IReadOnlyList<VectorRecord> scanned = await store.ScanAsync(Collection);
        scanned.Should().OnlyContain(r => r.Payload["text"].StartsWith(r.Id + " v", StringComparison.Ordinal));
        scanned.Where(r => int.Parse(r.Id[1..], System.Globalization.CultureInfo.InvariantCulture) < 1000)
            .Should().OnlyContain(r => !r.Payload["text"].Contains(" v0 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_LogWrittenByHandInTheDocumentedFormat_ReadsSearchesAndAppends()
    {
        // The format of docs/memory.md ("Vector log"), written here independently of the store's own encoder: a data folder
        // from an earlier version, whose rows were held in memory, must open unchanged.
        var frames = new List<byte[]>
        {
            UpsertBody(("a", [1, 0, 0], [("tenant", "x"), ("text", "alpha")]), ("b", [0, 2, 0], [("tenant", "x"), ("text", "beta")])),
            UpsertBody(("c", [0, 0, 3], [("tenant", "y"), ("text", new string('c', 300))])),
            DeleteBody("b"),
        };
        using (var file = File.Create(_dir.Combine(Collection + ".vlog")))
        {
            file.Write("AIVLOG01"u8);
            foreach (byte[] body in frames)
            {
                byte[] header = new byte[12];
                BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
                BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(4), Fnv1a64(body));
                file.Write(header);
                file.Write(body);
            }
        }

        using (var store = new EmbeddedVectorStore(_dir.Path))
        {
            (await store.CountAsync(Collection)).Should().Be(2);
            VectorHit hit = (await store.SearchAsync(Collection, [0, 0, 1], 1)).Single();
            hit.Id.Should().Be("c");
            hit.Score.Should().BeApproximately(1, 1e-6);
            hit.Payload["text"].Should().Be(new string('c', 300));
            (await store.SearchAsync(Collection, [1, 0, 0], 5, Filter(("tenant", "x")))).Single().Payload["text"].Should().Be("alpha");
            await store.UpsertAsync(Collection, [Rec("d", [1, 1, 0], ("tenant", "x"), ("text", "delta"))]);
        }

        using var reopened = new EmbeddedVectorStore(_dir.Path);
        (await reopened.SearchAsync(Collection, [1, 1, 0], 1)).Single().Payload["text"].Should().Be("delta");
        (await reopened.CountAsync(Collection)).Should().Be(3);
    }

    private static async Task ExpectSameAnswersAsync(EmbeddedVectorStore store, EmbeddedVectorStore held, VectorRecord[] records, Random random)
    {
        Dictionary<string, string>?[] filters = [null, Filter(("tenant", "t1")), Filter(("tenant", "t2"), ("kind", "chunk")), Filter(("text", records[7].Payload["text"]))];
        for (int q = 0; q < 12; q++)
        {
            float[] query = RandomVector(random, Dims);
            foreach (Dictionary<string, string>? filter in filters)
            {
                IReadOnlyList<VectorHit> expected = await held.SearchAsync(Collection, query, 10, filter);
                IReadOnlyList<VectorHit> hits = await store.SearchAsync(Collection, query, 10, filter);

                hits.Select(h => (h.Id, h.Score)).Should().Equal(expected.Select(h => (h.Id, h.Score)));
                hits.Select(h => h.Payload).Should().BeEquivalentTo(expected.Select(h => h.Payload), o => o.WithStrictOrdering());
            }
        }

        await ExpectExactTopTenAsync(store, records, random);
        (await store.ScanAsync(Collection, Filter(("tenant", "t1")))).Should().BeEquivalentTo(await held.ScanAsync(Collection, Filter(("tenant", "t1"))));
    }

    private static async Task ExpectExactTopTenAsync(EmbeddedVectorStore store, VectorRecord[] records, Random random)
    {
        for (int q = 0; q < 5; q++)
        {
            float[] query = RandomVector(random, Dims);
            VectorRecord[] expected = [.. records.OrderByDescending(r => TensorPrimitives.CosineSimilarity(r.Vector, query)).Take(10)];

            IReadOnlyList<VectorHit> hits = await store.SearchAsync(Collection, query, 10);

            hits.Select(h => h.Id).Should().Equal(expected.Select(r => r.Id));
            hits.Select(h => h.Payload["text"]).Should().Equal(expected.Select(r => r.Payload["text"]));
        }
    }

    // A passage record like the ones memory stores: tenant and kind are indexed, the text (over 128 characters) is not.
    private static VectorRecord Passage(Random random, int i, string tenant, int version = 0) =>
        Rec($"p{i}", RandomVector(random, Dims), ("tenant", tenant), ("kind", "chunk"), ("text", $"p{i} v{version} " + new string((char)('a' + (i % 26)), 150 + (i % 40))));

    private static byte[] UpsertBody(params (string Id, float[] Vector, (string Key, string Value)[] Payload)[] records)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)1);
            writer.Write(records.Length);
            foreach ((string id, float[] vector, (string Key, string Value)[] payload) in records)
            {
                writer.Write(id);
                writer.Write(vector.Length);
                foreach (float value in vector)
                {
                    writer.Write(value);
                }

                writer.Write(payload.Length);
                foreach ((string key, string value) in payload)
                {
                    writer.Write(key);
                    writer.Write(value);
                }
            }
        }

        return body.ToArray();
    }

    private static byte[] DeleteBody(params string[] ids)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)2);
            writer.Write(ids.Length);
            foreach (string id in ids)
            {
                writer.Write(id);
            }
        }

        return body.ToArray();
    }

    private static ulong Fnv1a64(byte[] bytes)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
