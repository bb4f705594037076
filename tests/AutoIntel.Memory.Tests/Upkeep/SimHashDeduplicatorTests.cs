using System.Numerics.Tensors;
using AutoIntel.Memory.Upkeep;

namespace AutoIntel.Memory.Tests.Upkeep;

public sealed class SimHashDeduplicatorTests
{
    private const int Dims = 64;

    [Fact]
    public void Find_NearCopiesAmongRandomVectors_MarksEveryCopyOfAnOlderVectorAndNothingElse()
    {
        var random = new Random(7);
        var rows = new List<float[]>();
        for (int i = 0; i < 400; i++)
        {
            rows.Add(Random(random));
        }

        // Copies with small noise (cosine ≈ 0.99) of the first 50, appended after them.
        for (int i = 0; i < 50; i++)
        {
            rows.Add(Noisy(rows[i], random, 0.1f));
        }

        DeduplicationResult result = new SimHashDeduplicator(Dims).Find(Flatten(rows), rows.Count, 0.92);

        int[] marked = [.. Enumerable.Range(0, rows.Count).Where(i => result.DuplicateOf[i] >= 0)];
        marked.Should().Equal(Enumerable.Range(400, 50));
        Enumerable.Range(400, 50).Should().OnlyContain(i => result.DuplicateOf[i] == i - 400);
        result.Compared.Should().BeLessThan(rows.Count * (rows.Count - 1) / 2 / 10, "LSH compares only bucket mates, not all pairs");
    }

    [Fact]
    public void Find_EveryMarkedPair_IsAtLeastThresholdSimilarAndOlder()
    {
        var random = new Random(11);
        var rows = new List<float[]>();
        for (int i = 0; i < 300; i++)
        {
            rows.Add(i % 3 == 0 || rows.Count == 0 ? Random(random) : Noisy(rows[random.Next(rows.Count)], random, 0.35f));
        }

        DeduplicationResult result = new SimHashDeduplicator(Dims).Find(Flatten(rows), rows.Count, 0.9);

        for (int i = 0; i < rows.Count; i++)
        {
            if (result.DuplicateOf[i] >= 0)
            {
                result.DuplicateOf[i].Should().BeLessThan(i);
                TensorPrimitives.Dot(rows[i], rows[result.DuplicateOf[i]]).Should().BeGreaterThanOrEqualTo(0.9f);
            }
        }

        result.Duplicates.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Find_TooFewFloats_Throws()
    {
        Action act = () => new SimHashDeduplicator(Dims).Find(new float[Dims], 2, 0.9);

        act.Should().Throw<ArgumentException>().WithMessage("*2 vectors of 64 floats*");
    }

    private static float[] Random(Random random)
    {
        var v = new float[Dims];
        for (int i = 0; i < Dims; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return Normalise(v);
    }

    private static float[] Noisy(float[] source, Random random, float amount)
    {
        float[] v = [.. source.Select(x => x + (amount * (float)((random.NextDouble() * 2) - 1) / MathF.Sqrt(Dims) * 1.7f))];
        return Normalise(v);
    }

    private static float[] Normalise(float[] v)
    {
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private static float[] Flatten(List<float[]> rows) => [.. rows.SelectMany(r => r)];
}
