using System.Numerics.Tensors;

namespace AutoIntel.Memory.Vectors;

/// <summary>The rows of one partition (one tenant) of a collection, stored contiguously so a tenant's search reads only its own rows.</summary>
/// <remarks>
/// Holds in memory what every search reads (ids, int8 codes, indexed columns); float vectors and payloads live in
/// <paramref name="contents"/>. Not thread-safe on its own: <see cref="VectorCollection"/> guards every call with its lock.
/// </remarks>
internal sealed class VectorSegment(int dimensions, PayloadIndex index, IRowContents contents)
{
    // One int column per indexed key (value id, -1 when absent), so a filter reads contiguous ints instead of probing a
    // dictionary per row.
    private readonly Dictionary<string, int[]> _columns = new(StringComparer.Ordinal);

    // The int8 codes in blocks of whole rows, each under the large object heap's threshold: growing adds blocks instead of copying every
    // code into an array half as large again (a long run adds tens of thousands of rows, whose codes are megabytes).
    private readonly List<sbyte[]> _codeBlocks = [];
    private readonly int _blockRows = Math.Max(1, BlockBytes / dimensions);
    private float[] _codeScales = [];
    private string[] _ids = [];

    // Under the 85,000 bytes from which an array goes to the large object heap.
    private const int BlockBytes = 64 * 1024;

    /// <summary>Rows in use.</summary>
    public int Count { get; private set; }

    /// <summary>What holds the rows' float vectors and payloads.</summary>
    public IRowContents Contents => contents;

    /// <summary>Appends a row and returns its index.</summary>
    public int Append(VectorRecord record, RecordLocation location)
    {
        int row = Count++;
        EnsureCapacity(Count);
        Write(row, record, location);
        return row;
    }

    /// <summary>Overwrites a row in place.</summary>
    public void Write(int row, VectorRecord record, RecordLocation location)
    {
        _ids[row] = record.Id;
        Span<float> normalised = dimensions <= 1024 ? stackalloc float[dimensions] : new float[dimensions];
        UnitVector.Normalise(record.Vector, normalised);
        _codeScales[row] = Int8Quantizer.Quantize(normalised, Codes(row));
        contents.Set(row, record, normalised, location);
        SetColumns(row, record.Payload);
    }

    /// <summary>Removes a row by moving the last row into it; returns the id of the moved row, if any.</summary>
    public string? RemoveAt(int row)
    {
        int last = --Count;
        string? moved = null;
        if (row != last)
        {
            Codes(last).CopyTo(Codes(row));
            _codeScales[row] = _codeScales[last];
            _ids[row] = _ids[last];
            contents.Move(last, row);
            moved = _ids[row];
        }
        else
        {
            contents.Clear(last);
        }

        foreach (int[] column in _columns.Values)
        {
            column[row] = column[last];
            column[last] = -1;
        }

        _ids[last] = null!;
        return moved;
    }

    /// <summary>Offers every row matching the filter to the coarse heap, ranked by int8 dot product.</summary>
    public void ScanCoarse(sbyte[] queryCodes, CompiledFilter filter, PriorityQueue<(VectorSegment Segment, int Row), float> heap, int capacity)
    {
        if (!TryResolveColumns(filter, out int[][] columns))
        {
            return;
        }

        // Block by block, so the hot loop walks one block's codes instead of locating each row's block.
        for (int first = 0, block = 0; first < Count; first += _blockRows, block++)
        {
            ReadOnlySpan<sbyte> codes = _codeBlocks[block];
            int rows = Math.Min(_blockRows, Count - first);
            for (int i = 0; i < rows; i++)
            {
                int row = first + i;
                if (!Matches(row, columns, filter))
                {
                    continue;
                }

                // The query's own scale is the same for every row, so it is left out of the ranking score.
                float approx = Int8Quantizer.Dot(codes.Slice(i * dimensions, dimensions), queryCodes) * _codeScales[row];
                if (heap.Count < capacity)
                {
                    heap.Enqueue((this, row), approx);
                }
                else if (heap.TryPeek(out _, out float worst) && approx > worst)
                {
                    heap.EnqueueDequeue((this, row), approx);
                }
            }
        }
    }

    /// <summary>Rows matching the filter.</summary>
    public long CountMatching(CompiledFilter filter)
    {
        if (!TryResolveColumns(filter, out int[][] columns))
        {
            return 0;
        }

        long count = 0;
        for (int row = 0; row < Count; row++)
        {
            if (Matches(row, columns, filter))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Adds a copy of every row matching the filter to <paramref name="found"/>.</summary>
    public void CollectMatching(CompiledFilter filter, List<VectorRecord> found)
    {
        if (!TryResolveColumns(filter, out int[][] columns))
        {
            return;
        }

        for (int row = 0; row < Count; row++)
        {
            if (Matches(row, columns, filter))
            {
                found.Add(Record(row));
            }
        }
    }

    /// <summary>Exact cosine of a row with a normalised query.</summary>
    public float Score(int row, float[] normalisedQuery)
    {
        Span<float> vector = dimensions <= 1024 ? stackalloc float[dimensions] : new float[dimensions];
        contents.ReadVector(row, vector);
        return TensorPrimitives.Dot(vector, normalisedQuery);
    }

    /// <summary>The search result for a row.</summary>
    public VectorHit Hit(int row, float score) => new(_ids[row], score, contents.ReadPayload(row));

    /// <summary>A copy of a row as a record, its vector normalised (for scans).</summary>
    public VectorRecord Record(int row)
    {
        float[] vector = new float[dimensions];
        contents.ReadVector(row, vector);
        return new VectorRecord(_ids[row], vector, contents.ReadPayload(row));
    }

    private bool TryResolveColumns(CompiledFilter filter, out int[][] columns)
    {
        columns = new int[filter.Keys.Length][];
        for (int i = 0; i < columns.Length; i++)
        {
            // A key no row of this segment has: nothing here can match.
            if (!_columns.TryGetValue(filter.Keys[i], out int[]? column))
            {
                return false;
            }

            columns[i] = column;
        }

        return true;
    }

    private bool Matches(int row, int[][] columns, CompiledFilter filter)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i][row] != filter.ValueIds[i])
            {
                return false;
            }
        }

        if (filter.LongValues.Length == 0)
        {
            return true;
        }

        // Keys that are not indexed are compared on the payload itself (read from the log for a logged collection).
        IReadOnlyDictionary<string, string> payload = contents.ReadPayload(row);
        foreach (KeyValuePair<string, string> pair in filter.LongValues)
        {
            if (!payload.TryGetValue(pair.Key, out string? value) || !string.Equals(value, pair.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void SetColumns(int row, IReadOnlyDictionary<string, string> payload)
    {
        foreach (int[] column in _columns.Values)
        {
            column[row] = -1;
        }

        foreach (KeyValuePair<string, string> pair in payload)
        {
            if (!index.IsIndexed(pair.Key, pair.Value))
            {
                continue;
            }

            int id = index.Intern(pair.Key, pair.Value);

            if (!_columns.TryGetValue(pair.Key, out int[]? column))
            {
                column = new int[_ids.Length];
                column.AsSpan().Fill(-1);
                _columns[pair.Key] = column;
            }

            column[row] = id;
        }
    }

    // The codes of one row.
    private Span<sbyte> Codes(int row) => _codeBlocks[row / _blockRows].AsSpan(row % _blockRows * dimensions, dimensions);

    private void EnsureCapacity(int rows)
    {
        if (rows <= _ids.Length)
        {
            return;
        }

        // Grown by half, not doubled: held float vectors of a large tenant are tens of megabytes, and doubling left up to half of them
        // unused (and old plus new arrays of 1 + 2 times the rows alive during the copy).
        int capacity = Math.Max(rows, Math.Max(64, _ids.Length + (_ids.Length / 2)));
        while (_codeBlocks.Count * _blockRows < capacity)
        {
            _codeBlocks.Add(new sbyte[_blockRows * dimensions]);
        }

        Array.Resize(ref _codeScales, capacity);
        Array.Resize(ref _ids, capacity);
        contents.Resize(capacity);
        foreach (string key in _columns.Keys.ToList())
        {
            int[] column = _columns[key];
            int old = column.Length;
            Array.Resize(ref column, capacity);
            column.AsSpan(old).Fill(-1);
            _columns[key] = column;
        }
    }
}
