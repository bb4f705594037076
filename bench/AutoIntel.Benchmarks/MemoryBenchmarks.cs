using System.Diagnostics.CodeAnalysis;
using AutoIntel.Memory.Vectors;
using BenchmarkDotNet.Attributes;

namespace AutoIntel.Benchmarks;

/// <summary>Embedded vector store: top-10 search over 100,000 384-dim vectors, and batch upsert throughput.</summary>
/// <remarks>Not sealed: BenchmarkDotNet derives from benchmark classes.</remarks>
[MemoryDiagnoser]
[MedianColumn]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the store through [GlobalCleanup], not IDisposable.")]
public class MemoryBenchmarks
{
    private const string Collection = "bench";
    private const int Dimensions = 384;
    private const int UpsertBatch = 1000;

    private readonly Dictionary<string, string> _tenantFilter = new() { ["tenant"] = "t1", ["kind"] = "chunk" };
    private string _root = string.Empty;
    private EmbeddedVectorStore? _store;
    private float[] _query = [];
    private VectorRecord[] _batch = [];
    private int _round;

    /// <summary>Vectors in the collection searched.</summary>
    [Params(100_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "autointel-bench", Guid.NewGuid().ToString("N"));
        _store = new EmbeddedVectorStore(_root);
        var random = new Random(42);
        for (int start = 0; start < Count; start += 5000)
        {
            VectorRecord[] records = [.. Enumerable.Range(start, Math.Min(5000, Count - start)).Select(i => Record(random, $"v{i}", $"t{i % 4}"))];
            _store.UpsertAsync(Collection, records).GetAwaiter().GetResult();
        }

        _query = RandomVector(random);
        _batch = [.. Enumerable.Range(0, UpsertBatch).Select(i => Record(random, $"u{i}", "t0"))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Top-10 over every vector, no filter.</summary>
    [Benchmark]
    public Task<IReadOnlyList<VectorHit>> SearchTop10() => _store!.SearchAsync(Collection, _query, 10);

    /// <summary>Top-10 within one of four tenants (tenant + kind filter, as ContentMemory queries).</summary>
    [Benchmark]
    public Task<IReadOnlyList<VectorHit>> SearchTop10TenantFilter() => _store!.SearchAsync(Collection, _query, 10, _tenantFilter);

    /// <summary>Upserts 1,000 records in one batch (log append + apply); reported per record.</summary>
    [Benchmark(OperationsPerInvoke = UpsertBatch)]
    public Task UpsertBatchPerRecord()
    {
        // Alternate two id ranges so each invocation both inserts and replaces, keeping the collection size steady.
        int round = _round++ % 2;
        VectorRecord[] batch = [.. _batch.Select(r => r with { Id = $"{r.Id}-{round}" })];
        return _store!.UpsertAsync(Collection, batch);
    }

    private static VectorRecord Record(Random random, string id, string tenant) =>
        new(id, RandomVector(random), new Dictionary<string, string> { ["tenant"] = tenant, ["kind"] = "chunk", ["run"] = id });

    private static float[] RandomVector(Random random)
    {
        var vector = new float[Dimensions];
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return vector;
    }
}
