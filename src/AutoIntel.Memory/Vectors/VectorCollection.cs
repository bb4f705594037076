using System.Numerics.Tensors;

namespace AutoIntel.Memory.Vectors;

/// <summary>One collection in memory: normalised vectors in one contiguous array, ids, payloads and interned filter tags.</summary>
/// <remarks>
/// Search is two passes: int8 codes of every matching row rank candidates (a quarter of the memory traffic of floats),
/// then the best few times K candidates are rescored exactly with float dot products.
/// Readers share a read lock; a writer appends to the log first (outside the lock, serialised by a gate) and then applies
/// the batch under the write lock, so searches never see half a batch and never wait on disk.
/// </remarks>
internal sealed class VectorCollection : IDisposable
{
    // Payload values up to this length (tenants, kinds, ids) are interned as integer tags so filters cost a few int compares
    // per row; longer values (texts, long URLs) are compared as strings when a filter names them.
    private const int MaxTagValueLength = 128;
    private const int CompactBatch = 4096;

    // Candidates kept from the coarse pass per requested hit, and at least this many: int8 ranking errors are tiny
    // (a fraction of a percent of the score), so the exact top K is practically always among them.
    private const int CandidatesPerHit = 4;
    private const int MinCandidates = 64;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Value), int> _tagIds = [];
    // Null for an in-memory collection (a cache index that is rebuilt from elsewhere after a restart).
    private readonly VectorLog? _log;
    private float[] _vectors = [];
    private sbyte[] _codes = [];
    private float[] _codeScales = [];
    private string[] _ids = [];
    private int[][] _tags = [];
    private IReadOnlyDictionary<string, string>[] _payloads = [];
    private int _count;

    private VectorCollection(string? path)
    {
        _log = path is null ? null : VectorLog.Open(path, Apply, Remove);
    }

    /// <summary>Length of the vectors (0 until the first upsert).</summary>
    public int Dimensions { get; private set; }

    /// <summary>Records replayed from the log when the collection was opened.</summary>
    public long RecordsReplayed => _log?.RecordsReplayed ?? 0;

    /// <summary>Bytes of a torn tail dropped when the collection was opened.</summary>
    public long TailBytesDropped => _log?.TailBytesDropped ?? 0;

    /// <summary>Opens a collection from its log, compacting the log when most of it is superseded.</summary>
    public static VectorCollection Open(string path)
    {
        var collection = new VectorCollection(path);
        if (collection._log!.RecordsReplayed > 1024 && collection._log.RecordsReplayed > 2L * collection._count)
        {
            collection._log.Rewrite(collection.Snapshot(), CompactBatch);
        }

        return collection;
    }

    /// <summary>Creates a collection that lives only in memory (no log, nothing survives the process).</summary>
    public static VectorCollection CreateInMemory() => new(null);

    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            // Inside the gate: the first batch fixes the dimensions, so two racing first batches must not both see zero.
            Validate(records);
            if (_log is not null)
            {
                await _log.AppendUpsertAsync(records, CancellationToken.None);
            }

            Apply(records);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<int> DeleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            int existing = CountExisting(ids);
            if (existing > 0)
            {
                if (_log is not null)
                {
                    await _log.AppendDeleteAsync(ids, CancellationToken.None);
                }

                Remove(ids);
            }

            return existing;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            _log?.Rewrite(Snapshot(), CompactBatch);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public IReadOnlyList<VectorHit> Search(float[] query, int topK, IReadOnlyDictionary<string, string>? filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        _lock.EnterReadLock();
        try
        {
            if (_count == 0)
            {
                return [];
            }

            if (query.Length != Dimensions)
            {
                throw new ArgumentException($"Query has {query.Length} dimensions; the collection holds {Dimensions}.", nameof(query));
            }

            if (!TryCompileFilter(filter, out int[] tags, out KeyValuePair<string, string>[] slow))
            {
                return [];
            }

            float[] normalised = Normalise(query);
            int dims = Dimensions;
            var queryCodes = new sbyte[dims];
            Int8Quantizer.Quantize(normalised, queryCodes);

            int keep = Math.Max(topK * CandidatesPerHit, MinCandidates);
            var coarse = new PriorityQueue<int, float>(keep + 1);
            ReadOnlySpan<sbyte> codes = _codes.AsSpan(0, _count * dims);
            bool filtered = tags.Length > 0 || slow.Length > 0;

            // The worst score still kept once the heap is full: most rows fall below it and skip the heap entirely.
            float floor = float.NegativeInfinity;
            for (int row = 0; row < _count; row++)
            {
                if (filtered && !Matches(row, tags, slow))
                {
                    continue;
                }

                // The query's own scale is the same for every row, so it is left out of the ranking score.
                float approx = Int8Quantizer.Dot(codes.Slice(row * dims, dims), queryCodes) * _codeScales[row];
                if (approx > floor)
                {
                    Offer(coarse, keep, row, approx);
                    if (coarse.Count == keep)
                    {
                        coarse.TryPeek(out _, out floor);
                    }
                }
            }

            var fine = new PriorityQueue<int, float>(topK + 1);
            ReadOnlySpan<float> all = _vectors.AsSpan(0, _count * dims);
            while (coarse.TryDequeue(out int row, out _))
            {
                Offer(fine, topK, row, TensorPrimitives.Dot(all.Slice(row * dims, dims), normalised));
            }

            var hits = new VectorHit[fine.Count];
            for (int i = hits.Length - 1; i >= 0; i--)
            {
                fine.TryDequeue(out int row, out float score);
                hits[i] = new VectorHit(_ids[row], score, _payloads[row]);
            }

            return hits;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public long Count(IReadOnlyDictionary<string, string>? filter)
    {
        _lock.EnterReadLock();
        try
        {
            if (filter is null || filter.Count == 0)
            {
                return _count;
            }

            if (!TryCompileFilter(filter, out int[] tags, out KeyValuePair<string, string>[] slow))
            {
                return 0;
            }

            long count = 0;
            for (int row = 0; row < _count; row++)
            {
                if (Matches(row, tags, slow))
                {
                    count++;
                }
            }

            return count;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _log?.Dispose();
        _lock.Dispose();
        _writeGate.Dispose();
    }

    // A bounded min-heap: the worst kept item is at the top, so a better one replaces it in O(log k).
    private static void Offer(PriorityQueue<int, float> heap, int capacity, int row, float score)
    {
        if (heap.Count < capacity)
        {
            heap.Enqueue(row, score);
        }
        else if (heap.TryPeek(out _, out float worst) && score > worst)
        {
            heap.EnqueueDequeue(row, score);
        }
    }

    private static float[] Normalise(float[] vector)
    {
        var copy = (float[])vector.Clone();
        float norm = TensorPrimitives.Norm(copy);
        if (norm > 0)
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }

    private void Validate(IReadOnlyList<VectorRecord> records)
    {
        int dims = Dimensions;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (VectorRecord record in records)
        {
            ArgumentException.ThrowIfNullOrEmpty(record.Id, nameof(records));
            dims = dims == 0 ? record.Vector.Length : dims;
            if (record.Vector.Length != dims || dims == 0)
            {
                throw new ArgumentException($"Record '{record.Id}' has {record.Vector.Length} dimensions; the collection holds {dims}.", nameof(records));
            }

            if (!seen.Add(record.Id))
            {
                throw new ArgumentException($"Record '{record.Id}' appears twice in one batch.", nameof(records));
            }
        }
    }

    private bool TryCompileFilter(IReadOnlyDictionary<string, string>? filter, out int[] tags, out KeyValuePair<string, string>[] slow)
    {
        tags = [];
        slow = [];
        if (filter is null || filter.Count == 0)
        {
            return true;
        }

        var tagList = new List<int>(filter.Count);
        var slowList = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> pair in filter)
        {
            if (pair.Value.Length > MaxTagValueLength)
            {
                slowList.Add(pair);
            }
            else if (_tagIds.TryGetValue((pair.Key, pair.Value), out int tag))
            {
                tagList.Add(tag);
            }
            else
            {
                // Every short pair ever stored is interned, so an unknown one matches nothing.
                return false;
            }
        }

        tags = [.. tagList];
        slow = [.. slowList];
        return true;
    }

    private bool Matches(int row, int[] tags, KeyValuePair<string, string>[] slow)
    {
        int[] rowTags = _tags[row];
        foreach (int tag in tags)
        {
            if (Array.IndexOf(rowTags, tag) < 0)
            {
                return false;
            }
        }

        foreach (KeyValuePair<string, string> pair in slow)
        {
            if (!_payloads[row].TryGetValue(pair.Key, out string? value) || !string.Equals(value, pair.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private int CountExisting(IReadOnlyList<string> ids)
    {
        _lock.EnterReadLock();
        try
        {
            return ids.Distinct(StringComparer.Ordinal).Count(_rows.ContainsKey);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Apply(IReadOnlyList<VectorRecord> records)
    {
        _lock.EnterWriteLock();
        try
        {
            if (Dimensions == 0 && records.Count > 0)
            {
                Dimensions = records[0].Vector.Length;
            }

            foreach (VectorRecord record in records)
            {
                if (!_rows.TryGetValue(record.Id, out int row))
                {
                    row = _count++;
                    EnsureCapacity(_count);
                    _rows[record.Id] = row;
                    _ids[row] = record.Id;
                }

                Span<float> slot = _vectors.AsSpan(row * Dimensions, Dimensions);
                record.Vector.CopyTo(slot);
                float norm = TensorPrimitives.Norm(slot);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(slot, norm, slot);
                }

                _codeScales[row] = Int8Quantizer.Quantize(slot, _codes.AsSpan(row * Dimensions, Dimensions));

                // Copy the payload so a caller mutating its dictionary later cannot change what is stored.
                var payload = new Dictionary<string, string>(record.Payload, StringComparer.Ordinal);
                _payloads[row] = payload;
                _tags[row] = Intern(payload);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Remove(IReadOnlyList<string> ids)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (string id in ids)
            {
                if (!_rows.Remove(id, out int row))
                {
                    continue;
                }

                // Move the last row into the hole so the vectors stay contiguous.
                int last = --_count;
                if (row != last)
                {
                    _vectors.AsSpan(last * Dimensions, Dimensions).CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
                    _codes.AsSpan(last * Dimensions, Dimensions).CopyTo(_codes.AsSpan(row * Dimensions, Dimensions));
                    _codeScales[row] = _codeScales[last];
                    _ids[row] = _ids[last];
                    _payloads[row] = _payloads[last];
                    _tags[row] = _tags[last];
                    _rows[_ids[row]] = row;
                }

                _ids[last] = null!;
                _payloads[last] = null!;
                _tags[last] = null!;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private int[] Intern(Dictionary<string, string> payload)
    {
        var tags = new List<int>(payload.Count);
        foreach (KeyValuePair<string, string> pair in payload)
        {
            if (pair.Value.Length > MaxTagValueLength)
            {
                continue;
            }

            if (!_tagIds.TryGetValue((pair.Key, pair.Value), out int tag))
            {
                tag = _tagIds.Count;
                _tagIds.Add((pair.Key, pair.Value), tag);
            }

            tags.Add(tag);
        }

        return [.. tags];
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _ids.Length)
        {
            return;
        }

        int capacity = Math.Max(rows, Math.Max(64, _ids.Length * 2));
        Array.Resize(ref _vectors, capacity * Dimensions);
        Array.Resize(ref _codes, capacity * Dimensions);
        Array.Resize(ref _codeScales, capacity);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _payloads, capacity);
        Array.Resize(ref _tags, capacity);
    }

    private List<VectorRecord> Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            var live = new List<VectorRecord>(_count);
            for (int row = 0; row < _count; row++)
            {
                live.Add(new VectorRecord(_ids[row], _vectors.AsSpan(row * Dimensions, Dimensions).ToArray(), _payloads[row]));
            }

            return live;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
