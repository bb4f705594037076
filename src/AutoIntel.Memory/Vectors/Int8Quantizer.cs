using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoIntel.Memory.Vectors;

/// <summary>Scalar int8 quantisation of vectors and the integer dot product used for the coarse search pass.</summary>
/// <remarks>
/// A full float scan of 100k×384 vectors reads 150 MB per query, more than one core's memory bandwidth allows in a
/// few milliseconds; int8 codes are a quarter of that. Scores from codes only rank candidates; the final scores are exact.
/// </remarks>
internal static class Int8Quantizer
{
    /// <summary>Writes codes for <paramref name="vector"/> and returns the factor that turns a code back into a value.</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        float max = vector.IsEmpty ? 0 : TensorPrimitives.MaxMagnitude(vector);
        if (max == 0 || !float.IsFinite(max))
        {
            codes.Clear();
            return 0;
        }

        float toCode = 127f / Math.Abs(max);
        for (int i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Round(vector[i] * toCode);
        }

        return Math.Abs(max) / 127f;
    }

    /// <summary>The dot product of two code vectors of equal length.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Code vectors differ in length ({a.Length} and {b.Length}).", nameof(b));
        }

        int i = 0;
        int sum = 0;
        if (Avx2.IsSupported && a.Length >= Vector256<sbyte>.Count)
        {
            Vector256<int> acc = Vector256<int>.Zero;
            Vector256<short> ones = Vector256.Create((short)1);
            ref sbyte ra = ref MemoryMarshal.GetReference(a);
            ref sbyte rb = ref MemoryMarshal.GetReference(b);
            for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                Vector256<sbyte> va = Vector256.LoadUnsafe(ref ra, (nuint)i);
                Vector256<sbyte> vb = Vector256.LoadUnsafe(ref rb, (nuint)i);

                // vpmaddubsw multiplies unsigned by signed bytes: |a| times b carrying a's sign gives the same products, and a
                // pair sums to at most 2·128·127, inside int16. vpmaddwd with ones then widens the pairs into 32-bit lanes.
                // This is the search's inner loop, so two multiplies per 32 codes instead of four widenings and two multiplies.
                Vector256<short> pairs = Avx2.MultiplyAddAdjacent(Avx2.Abs(va), Avx2.Sign(vb, va));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(pairs, ones));
            }

            sum = Vector256.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
