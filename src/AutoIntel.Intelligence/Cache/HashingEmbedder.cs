using System.Numerics.Tensors;

namespace AutoIntel.Intelligence.Cache;

/// <summary>A free, deterministic text embedding (hashed words and word pairs) for the semantic cache tier.</summary>
/// <remarks>Near-identical prompts (re-fetched pages, whitespace and punctuation changes, a reworded sentence) land close together without an embedding call.</remarks>
public static class HashingEmbedder
{
    /// <summary>Vector length.</summary>
    public const int Dimensions = 256;

    /// <summary>An L2-normalised embedding of a text.</summary>
    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        ulong previous = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                var h = Hash(text.AsSpan(start, i - start));
                Add(vector, h, 1f);
                if (previous != 0)
                {
                    Add(vector, (previous * 31) ^ h, 0.5f);
                }

                previous = h;
                start = -1;
            }
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private static void Add(float[] vector, ulong hash, float weight) =>
        vector[(int)(hash % Dimensions)] += (hash & (1UL << 63)) == 0 ? weight : -weight;

    // FNV-1a over lower-cased characters, so case never changes the vector.
    private static ulong Hash(ReadOnlySpan<char> word)
    {
        var h = 14695981039346656037UL;
        foreach (var c in word)
        {
            h = (h ^ char.ToLowerInvariant(c)) * 1099511628211UL;
        }

        return h == 0 ? 1 : h;
    }
}
