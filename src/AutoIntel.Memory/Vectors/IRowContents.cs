namespace AutoIntel.Memory.Vectors;

/// <summary>Where a segment keeps each row's float vector and payload: in memory, or only as a location in the collection's log.</summary>
/// <remarks>
/// The segment itself always holds what every search reads (ids, int8 codes, indexed columns); these are what only the
/// few rescored candidates, the hits and the scans need. Not thread-safe on its own, like <see cref="VectorSegment"/>.
/// </remarks>
internal interface IRowContents
{
    /// <summary>Grows the storage to hold <paramref name="rows"/> rows.</summary>
    void Resize(int rows);

    /// <summary>Stores a row: <paramref name="normalised"/> is its unit vector, <paramref name="location"/> where the log holds it.</summary>
    void Set(int row, VectorRecord record, ReadOnlySpan<float> normalised, RecordLocation location);

    /// <summary>Moves row <paramref name="from"/> into row <paramref name="to"/> and forgets <paramref name="from"/>.</summary>
    void Move(int from, int to);

    /// <summary>Forgets a row.</summary>
    void Clear(int row);

    /// <summary>Writes the row's unit vector into <paramref name="normalised"/>.</summary>
    void ReadVector(int row, Span<float> normalised);

    /// <summary>The row's payload.</summary>
    IReadOnlyDictionary<string, string> ReadPayload(int row);
}
