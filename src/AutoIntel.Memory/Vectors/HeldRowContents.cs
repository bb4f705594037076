namespace AutoIntel.Memory.Vectors;

/// <summary>Row contents kept in memory, for a collection without a log (an index rebuilt from elsewhere, such as the LLM response cache).</summary>
internal sealed class HeldRowContents(int dimensions) : IRowContents
{
    private float[] _vectors = [];
    private IReadOnlyDictionary<string, string>[] _payloads = [];

    public void Resize(int rows)
    {
        Array.Resize(ref _vectors, rows * dimensions);
        Array.Resize(ref _payloads, rows);
    }

    public void Set(int row, VectorRecord record, ReadOnlySpan<float> normalised, RecordLocation location)
    {
        normalised.CopyTo(Slot(row));

        // Copy the payload so a caller mutating its dictionary later cannot change what is stored.
        _payloads[row] = new Dictionary<string, string>(record.Payload, StringComparer.Ordinal);
    }

    public void Move(int from, int to)
    {
        Slot(from).CopyTo(Slot(to));
        _payloads[to] = _payloads[from];
        Clear(from);
    }

    public void Clear(int row) => _payloads[row] = null!;

    public void ReadVector(int row, Span<float> normalised) => Slot(row).CopyTo(normalised);

    public IReadOnlyDictionary<string, string> ReadPayload(int row) => _payloads[row];

    private Span<float> Slot(int row) => _vectors.AsSpan(row * dimensions, dimensions);
}
