using System.Numerics.Tensors;
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
        int i = 0;
        int sum = 0;
        if (Avx2.IsSupported && a.Length >= Vector256<sbyte>.Count)
        {
            Vector256<int> acc = Vector256<int>.Zero;
            for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                Vector256<sbyte> va = Vector256.Create(a.Slice(i, Vector256<sbyte>.Count));
                Vector256<sbyte> vb = Vector256.Create(b.Slice(i, Vector256<sbyte>.Count));

                // Widen to 16 bits, then multiply pairs and add them into 32-bit lanes (vpmaddwd): no overflow for int8 inputs.
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(va.GetLower()), Avx2.ConvertToVector256Int16(vb.GetLower())));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(va.GetUpper()), Avx2.ConvertToVector256Int16(vb.GetUpper())));
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
