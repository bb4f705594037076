using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using AutoIntel.Memory;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Upkeep;
using AutoIntel.Memory.Vectors;
using AutoIntel.Storage;
using Microsoft.Extensions.Options;

namespace AutoIntel.Benchmarks;

/// <summary>"memory-compact": near-duplicate compaction of 100,000 stored passages (SimHash LSH), and its recall against exact all-pairs search.</summary>
/// <remarks>
/// Passages are 60 words drawn from a 5,000-word vocabulary, embedded with the default hashing embedder; one in ten is an
/// earlier passage (among the previous 5,000) with 1–8 words replaced, so true near-duplicates straddle the 0.92 threshold.
/// Timed: <see cref="MemoryUpkeep.RunAsync"/> on the embedded store (scan, signatures, buckets, cosine checks, deletes).
/// Recall: on the first 10,000 passages, the copies LSH marks versus those exact search finds (some earlier passage ≥ threshold).
/// </remarks>
public static class CompactionBenchmark
{
    private const int Passages = 100_000;
    private const int Sample = 10_000;
    private const string Tenant = "bench";

    public static async Task RunAsync(TextWriter output)
    {
        var embedder = new HashingEmbedder();
        var options = new MemoryOptions();
        string collection = ContentMemory.CollectionFor(embedder);
        string root = Path.Combine(Path.GetTempPath(), "autointel-bench", Guid.NewGuid().ToString("N"));
        try
        {
            using var store = new EmbeddedVectorStore(root);
            long setup = Stopwatch.GetTimestamp();
            List<float[]> vectors = await StoreAsync(store, embedder, collection);
            output.WriteLine($"setup: {Passages:N0} passages embedded and stored in {Stopwatch.GetElapsedTime(setup).TotalSeconds:0.0} s");

            (double recall, int exact, int found, TimeSpan exactTime, TimeSpan lshTime) = MeasureRecall(vectors, options.CompactionThreshold);

            using var graphs = new KnowledgeGraphStore(new InMemoryArtifactStore());
            using var upkeep = new MemoryUpkeep(embedder, store, graphs, Options.Create(options), TimeProvider.System);
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            UpkeepReport report = await upkeep.RunAsync(Tenant);
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            TenantUpkeep t = report.Tenants.Single();

            output.WriteLine($"## Memory compaction ({Machine.Describe()})");
            output.WriteLine();
            output.WriteLine("| measure | value |");
            output.WriteLine("| --- | --- |");
            output.WriteLine($"| passages compacted | {t.PassagesBefore:N0} |");
            output.WriteLine($"| compaction time (scan + LSH + verify + delete) | {report.Elapsed.TotalSeconds:0.00} s |");
            output.WriteLine($"| CPU time of the process during compaction (both cores) | {cpu.TotalSeconds:0.00} s |");
            output.WriteLine($"| near-duplicates removed | {t.DuplicatesRemoved:N0} |");
            output.WriteLine($"| exact cosine checks (all pairs would be {(long)Passages * (Passages - 1) / 2:N0}) | {t.Compared:N0} |");
            output.WriteLine($"| recall on first {Sample:N0} vs exact all-pairs (threshold {options.CompactionThreshold}) | {recall:P1} ({found:N0} of {exact:N0}) |");
            output.WriteLine($"| exact all-pairs on the sample / LSH on the sample | {exactTime.TotalSeconds:0.00} s / {lshTime.TotalSeconds:0.000} s |");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<List<float[]>> StoreAsync(EmbeddedVectorStore store, HashingEmbedder embedder, string collection)
    {
        var random = new Random(42);
        string[] vocabulary = [.. Enumerable.Range(0, 5000).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture) + (char)('a' + (i % 26)))];
        var texts = new List<string[]>(Passages);
        var vectors = new List<float[]>(Passages);
        DateTimeOffset start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int batchStart = 0; batchStart < Passages; batchStart += 1000)
        {
            var batch = new List<string>();
            for (int i = batchStart; i < batchStart + 1000; i++)
            {
                string[] words;
                if (i > 0 && random.NextDouble() < 0.1)
                {
                    words = (string[])texts[Math.Max(0, i - 1 - random.Next(Math.Min(i, 5000)))].Clone();
                    for (int edit = random.Next(1, 9); edit > 0; edit--)
                    {
                        words[random.Next(words.Length)] = vocabulary[random.Next(vocabulary.Length)];
                    }
                }
                else
                {
                    words = [.. Enumerable.Range(0, 60).Select(_ => vocabulary[random.Next(vocabulary.Length)])];
                }

                texts.Add(words);
                batch.Add(string.Join(' ', words));
            }

            float[][] embedded = await embedder.EmbedAsync(batch);
            VectorRecord[] records = [.. embedded.Select((v, k) => Record(batchStart + k, v, start.AddSeconds(batchStart + k)))];
            await store.UpsertAsync(collection, records);
            vectors.AddRange(embedded.Select(Normalised));
        }

        return vectors;
    }

    private static (double Recall, int Exact, int Found, TimeSpan ExactTime, TimeSpan LshTime) MeasureRecall(List<float[]> vectors, double threshold)
    {
        int dims = vectors[0].Length;
        float[] flat = [.. vectors.Take(Sample).SelectMany(v => v)];
        long started = Stopwatch.GetTimestamp();
        var exact = new bool[Sample];
        Parallel.For(0, Sample, i =>
        {
            ReadOnlySpan<float> row = flat.AsSpan(i * dims, dims);
            for (int j = 0; j < i && !exact[i]; j++)
            {
                exact[i] = TensorPrimitives.Dot(flat.AsSpan(j * dims, dims), row) >= threshold;
            }
        });
        TimeSpan exactTime = Stopwatch.GetElapsedTime(started);

        started = Stopwatch.GetTimestamp();
        DeduplicationResult lsh = new SimHashDeduplicator(dims).Find(flat, Sample, threshold);
        TimeSpan lshTime = Stopwatch.GetElapsedTime(started);

        int exactCount = exact.Count(e => e);
        int found = Enumerable.Range(0, Sample).Count(i => exact[i] && lsh.DuplicateOf[i] >= 0);
        int wrong = Enumerable.Range(0, Sample).Count(i => !exact[i] && lsh.DuplicateOf[i] >= 0);
        if (wrong > 0)
        {
            throw new InvalidOperationException($"LSH marked {wrong} passages that exact search does not: the verification is broken.");
        }

        return (exactCount == 0 ? 1 : (double)found / exactCount, exactCount, found, exactTime, lshTime);
    }

    private static VectorRecord Record(int i, float[] vector, DateTimeOffset at) => new(
        $"bench/run-{i / 100}/chunk/{i}",
        vector,
        new Dictionary<string, string>
        {
            [MemoryPayload.Tenant] = Tenant,
            [MemoryPayload.Kind] = MemoryPayload.ChunkKind,
            [MemoryPayload.Run] = $"run-{i / 100}",
            [MemoryPayload.Source] = $"https://bench.example/{i / 100}",
            [MemoryPayload.StoredAt] = at.ToString("O", CultureInfo.InvariantCulture),
        });

    private static float[] Normalised(float[] v)
    {
        float[] copy = (float[])v.Clone();
        TensorPrimitives.Divide(copy, TensorPrimitives.Norm(copy), copy);
        return copy;
    }
}
