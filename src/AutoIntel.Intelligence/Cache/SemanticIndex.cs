using System.Numerics.Tensors;

namespace AutoIntel.Intelligence.Cache;

/// <summary>Brute-force cosine search over one cache partition, vectors stored contiguously for SIMD dot products.</summary>
/// <remarks>Not thread-safe; <see cref="ResponseCache"/> guards it.</remarks>
public sealed class SemanticIndex
{
    private readonly int _dimensions;
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private float[] _vectors;
    private string[] _keys;

    public SemanticIndex(int dimensions, int capacity = 16)
    {
        _dimensions = dimensions;
        _vectors = new float[dimensions * capacity];
        _keys = new string[capacity];
    }

    /// <summary>Number of vectors.</summary>
    public int Count { get; private set; }

    /// <summary>Adds or replaces the vector of a key (vectors must be L2-normalised).</summary>
    public void Upsert(string key, ReadOnlySpan<float> vector)
    {
        if (!_slots.TryGetValue(key, out var slot))
        {
            if (Count == _keys.Length)
            {
                Array.Resize(ref _keys, _keys.Length * 2);
                Array.Resize(ref _vectors, _vectors.Length * 2);
            }

            slot = Count++;
            _slots[key] = slot;
            _keys[slot] = key;
        }

        vector.CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
    }

    /// <summary>Removes a key (the last vector moves into its slot).</summary>
    public void Remove(string key)
    {
        if (!_slots.Remove(key, out var slot))
        {
            return;
        }

        var last = --Count;
        if (slot != last)
        {
            _vectors.AsSpan(last * _dimensions, _dimensions).CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
            _keys[slot] = _keys[last];
            _slots[_keys[slot]] = slot;
        }

        _keys[last] = null!;
    }

    /// <summary>The most similar key at or above a threshold, or null.</summary>
    public string? FindBest(ReadOnlySpan<float> query, double threshold, Func<string, bool>? accept, out double similarity)
    {
        similarity = 0;
        string? best = null;
        var vectors = _vectors.AsSpan();
        for (var i = 0; i < Count; i++)
        {
            var s = TensorPrimitives.Dot(query, vectors.Slice(i * _dimensions, _dimensions));
            if (s >= threshold && s > similarity && (accept is null || accept(_keys[i])))
            {
                similarity = s;
                best = _keys[i];
            }
        }

        return best;
    }
}
