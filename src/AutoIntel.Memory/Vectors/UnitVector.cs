using System.Numerics.Tensors;

namespace AutoIntel.Memory.Vectors;

/// <summary>L2 normalisation, done the same way wherever a stored or query vector is scored, so scores are reproducible.</summary>
internal static class UnitVector
{
    /// <summary>Writes <paramref name="source"/> scaled to unit length into <paramref name="into"/> (a zero vector stays zero).</summary>
    public static void Normalise(ReadOnlySpan<float> source, Span<float> into)
    {
        source.CopyTo(into);
        float norm = TensorPrimitives.Norm(into);
        if (norm > 0)
        {
            TensorPrimitives.Divide(into, norm, into);
        }
    }
}
