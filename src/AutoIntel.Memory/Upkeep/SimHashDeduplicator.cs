using System.Numerics.Tensors;

namespace AutoIntel.Memory.Upkeep;

/// <summary>Finds near-duplicate vectors with locality-sensitive hashing: random-hyperplane signatures (SimHash) cut into bands,
/// so only vectors that agree on a whole band are compared, and every candidate is verified by exact cosine.</summary>
/// <remarks>
/// Two vectors at angle θ agree on one hyperplane bit with probability 1 − θ/π, on a band of r bits with that to the power r,
/// and become candidates when any of b bands agrees. With 32 bands of 16 bits a pair at cosine 0.92 is a candidate with
/// probability ≈ 0.98 and at 0.95 ≈ 0.99, while unrelated vectors (cosine ≈ 0.1) almost never share a 16-bit band.
/// Results are deterministic: hyperplanes come from a fixed seed and groups are visited in index order.
/// </remarks>
public sealed class SimHashDeduplicator
{
    // A band whose bucket holds this many distinct (non-duplicate) vectors stops taking new leaders: a pathological bucket
    // (many different vectors with the same 16 bits) must not turn the scan quadratic.
    private const int MaxLeadersPerBucket = 256;

    // Dimension-major: row d holds component d of every hyperplane, so one vector component updates all projections at once.
    private readonly float[] _hyperplanes;
    private readonly int _dimensions;

    /// <summary>Creates the hash family for vectors of <paramref name="dimensions"/>.</summary>
    public SimHashDeduplicator(int dimensions, int bands = 32, int bitsPerBand = 16, int seed = 20261204)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bands);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bitsPerBand);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitsPerBand, 31);
        _dimensions = dimensions;
        Bands = bands;
        BitsPerBand = bitsPerBand;
        _hyperplanes = Gaussian(bands * bitsPerBand * dimensions, new Random(seed));
    }

    /// <summary>Number of bands (b).</summary>
    public int Bands { get; }

    /// <summary>Bits per band (r).</summary>
    public int BitsPerBand { get; }

    /// <summary>For each of <paramref name="count"/> row-major, L2-normalised vectors, the index of an earlier vector it is at least
    /// <paramref name="threshold"/> cosine-similar to, or -1 when it is kept.</summary>
    /// <remarks>Order matters: a vector is only ever marked as a copy of one with a smaller index, so put what to keep first (oldest).
    /// That earlier vector may itself be a copy of an even earlier one.</remarks>
    public DeduplicationResult Find(ReadOnlyMemory<float> vectors, int count, double threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (vectors.Length < (long)count * _dimensions)
        {
            throw new ArgumentException($"Expected {count} vectors of {_dimensions} floats; got {vectors.Length} floats.", nameof(vectors));
        }

        int[] duplicateOf = new int[count];
        Array.Fill(duplicateOf, -1);
        int[] signatures = Signatures(vectors, count);

        long compared = 0;
        var keys = new long[count];
        var leaders = new List<int>();
        for (int band = 0; band < Bands; band++)
        {
            // Sorting (band value, index) lays out each bucket contiguously, its members in index order.
            for (int i = 0; i < count; i++)
            {
                keys[i] = ((long)signatures[(i * Bands) + band] << 32) | (uint)i;
            }

            Array.Sort(keys);
            for (int start = 0; start < count;)
            {
                int value = (int)(keys[start] >> 32);
                int end = start + 1;
                while (end < count && (int)(keys[end] >> 32) == value)
                {
                    end++;
                }

                if (end - start > 1)
                {
                    compared += VisitBucket(vectors.Span, keys.AsSpan(start, end - start), threshold, duplicateOf, leaders);
                }

                start = end;
            }
        }

        return new DeduplicationResult(duplicateOf, compared);
    }

    // Each member is compared with the bucket's leaders (earlier members not yet known as copies); a match marks it, else it leads.
    private long VisitBucket(ReadOnlySpan<float> vectors, ReadOnlySpan<long> members, double threshold, int[] duplicateOf, List<int> leaders)
    {
        leaders.Clear();
        long compared = 0;
        foreach (long key in members)
        {
            int index = (int)(uint)key;
            if (duplicateOf[index] >= 0)
            {
                continue;
            }

            ReadOnlySpan<float> vector = vectors.Slice(index * _dimensions, _dimensions);
            foreach (int leader in leaders)
            {
                compared++;
                if (duplicateOf[leader] < 0 && TensorPrimitives.Dot(vectors.Slice(leader * _dimensions, _dimensions), vector) >= threshold)
                {
                    duplicateOf[index] = leader;
                    break;
                }
            }

            if (duplicateOf[index] < 0 && leaders.Count < MaxLeadersPerBucket)
            {
                leaders.Add(index);
            }
        }

        return compared;
    }

    private int[] Signatures(ReadOnlyMemory<float> vectors, int count)
    {
        int planes = Bands * BitsPerBand;
        int[] signatures = new int[count * Bands];
        Parallel.For(
            0,
            count,
            () => new float[planes],
            (i, _, projections) =>
            {
                // All projections at once, one dimension at a time over contiguous hyperplane columns (SIMD-wide), skipping zero
                // components: hashing embeddings are sparse, so most dimensions cost nothing.
                Array.Clear(projections);
                ReadOnlySpan<float> vector = vectors.Span.Slice(i * _dimensions, _dimensions);
                for (int d = 0; d < _dimensions; d++)
                {
                    if (vector[d] != 0)
                    {
                        TensorPrimitives.MultiplyAdd(_hyperplanes.AsSpan(d * planes, planes), vector[d], projections, projections);
                    }
                }

                for (int band = 0, plane = 0; band < Bands; band++)
                {
                    int bits = 0;
                    for (int bit = 0; bit < BitsPerBand; bit++, plane++)
                    {
                        if (projections[plane] >= 0)
                        {
                            bits |= 1 << bit;
                        }
                    }

                    signatures[(i * Bands) + band] = bits;
                }

                return projections;
            },
            _ => { });
        return signatures;
    }

    private static float[] Gaussian(int length, Random random)
    {
        // Box–Muller: the direction of a vector of independent normals is uniform, which is what SimHash's guarantee assumes.
        var values = new float[length];
        for (int i = 0; i < length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            values[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < length)
            {
                values[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
            }
        }

        return values;
    }
}
