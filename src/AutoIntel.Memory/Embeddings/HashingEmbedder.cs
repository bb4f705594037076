using System.Numerics.Tensors;
using AutoIntel.Memory.Text;

namespace AutoIntel.Memory.Embeddings;

/// <summary>An offline, deterministic embedder: signed feature hashing of word unigrams, bigrams and character trigrams.</summary>
/// <remarks>
/// No model and no network: texts that share words and phrases score high, paraphrases with different words do not.
/// Good enough for "same claim again" and near-duplicate content; configure a model embedder for real semantics.
/// </remarks>
public sealed class HashingEmbedder : IEmbedder
{
    /// <summary>The default vector length (the size of common small sentence models, so stores can be swapped).</summary>
    public const int DefaultDimensions = 384;

    // Whole words say the most, phrases add order, trigrams forgive inflection ("metre"/"metres") and typos.
    private const float UnigramWeight = 1.0f;
    private const float BigramWeight = 0.7f;
    private const float TrigramWeight = 0.2f;

    /// <summary>Creates an embedder with the given vector length.</summary>
    public HashingEmbedder(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        Dimensions = dimensions;
    }

    /// <inheritdoc />
    public string Name => "hashing-v1";

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var vectors = new float[texts.Count][];
        for (int i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            vectors[i] = Embed(texts[i]);
        }

        return Task.FromResult(vectors);
    }

    /// <summary>Embeds one text synchronously (the work is pure CPU).</summary>
    public float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        List<string> words = TextTokens.ContentWords(text);
        for (int i = 0; i < words.Count; i++)
        {
            string word = words[i];
            Add(vector, Fnv1a.Append(Fnv1a.Append(Fnv1a.Seed, 'u'), word), UnigramWeight);
            if (i > 0)
            {
                ulong bigram = Fnv1a.Append(Fnv1a.Append(Fnv1a.Append(Fnv1a.Seed, 'b'), words[i - 1]), ' ');
                Add(vector, Fnv1a.Append(bigram, word), BigramWeight);
            }

            string padded = $"<{word}>";
            for (int c = 0; c + 3 <= padded.Length; c++)
            {
                Add(vector, Fnv1a.Append(Fnv1a.Append(Fnv1a.Seed, 't'), padded.AsSpan(c, 3)), TrigramWeight);
            }
        }

        float norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private void Add(float[] vector, ulong hash, float weight)
    {
        // The top bit picks the sign so that colliding features cancel out on average instead of piling up.
        int index = (int)((hash & 0x7FFF_FFFF_FFFF_FFFFUL) % (ulong)Dimensions);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }
}
