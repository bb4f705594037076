namespace AutoIntel.Memory.Vectors;

/// <summary>Row contents left in the collection's log: each row keeps only where its record sits, and reads it back on demand.</summary>
/// <remarks>
/// The float vectors and payloads (passage texts) are most of a collection's bytes but only the few rescored candidates and
/// the hits of a search need them, so memory holds 12 bytes a row for them instead of kilobytes. Reads go through the
/// operating system's page cache (<see cref="VectorLog.Read"/>).
/// </remarks>
internal sealed class LoggedRowContents(VectorLog log) : IRowContents
{
    private RecordLocation[] _locations = [];

    /// <summary>Where the log holds a row; compaction moves it.</summary>
    public RecordLocation this[int row]
    {
        get => _locations[row];
        set => _locations[row] = value;
    }

    public void Resize(int rows) => Array.Resize(ref _locations, rows);

    public void Set(int row, VectorRecord record, ReadOnlySpan<float> normalised, RecordLocation location) => _locations[row] = location;

    public void Move(int from, int to)
    {
        _locations[to] = _locations[from];
        Clear(from);
    }

    public void Clear(int row) => _locations[row] = default;

    public void ReadVector(int row, Span<float> normalised)
    {
        log.ReadVector(_locations[row], normalised);
        UnitVector.Normalise(normalised, normalised);
    }

    public IReadOnlyDictionary<string, string> ReadPayload(int row) => log.Read(_locations[row]).Payload;
}
