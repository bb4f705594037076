using System.Numerics.Tensors;
using AutoIntel.Memory.Embeddings;

namespace AutoIntel.Memory;

/// <summary>A whole document's embedding, built from its text piece by piece: the normalised sum of fixed word windows.</summary>
/// <remarks>
/// Pieces are read as if joined by whitespace, so feeding a document's chunks or segments one at a time gives the same vector
/// as embedding their joined text, while only one window and one embedding batch of text are held at a time.
/// </remarks>
internal sealed class DocumentFingerprint(IEmbedder embedder, int windowWords, int batchSize)
{
    private readonly List<string> _window = new(windowWords);
    private readonly List<string> _batch = new(batchSize);
    private readonly float[] _sum = new float[embedder.Dimensions];

    /// <summary>Whether any word has been added.</summary>
    public bool HasWords { get; private set; }

    /// <summary>Adds the next piece of the document.</summary>
    public async Task AddAsync(string piece, CancellationToken cancellationToken)
    {
        foreach (string word in piece.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            HasWords = true;
            _window.Add(word);
            if (_window.Count == windowWords)
            {
                await CloseWindowAsync(cancellationToken);
            }
        }
    }

    /// <summary>Embeds what is left and returns the unit-length fingerprint.</summary>
    public async Task<float[]> FinishAsync(CancellationToken cancellationToken)
    {
        if (_window.Count > 0)
        {
            await CloseWindowAsync(cancellationToken);
        }

        await EmbedBatchAsync(cancellationToken);
        float norm = TensorPrimitives.Norm(_sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(_sum, norm, _sum);
        }

        return _sum;
    }

    private async Task CloseWindowAsync(CancellationToken cancellationToken)
    {
        _batch.Add(string.Join(' ', _window));
        _window.Clear();
        if (_batch.Count == batchSize)
        {
            await EmbedBatchAsync(cancellationToken);
        }
    }

    private async Task EmbedBatchAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        foreach (float[] vector in await embedder.EmbedAsync([.. _batch], cancellationToken))
        {
            TensorPrimitives.Add(_sum, vector, _sum);
        }

        _batch.Clear();
    }
}
