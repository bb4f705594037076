namespace AutoIntel.Memory.Vectors;

/// <summary>One collection in memory: rows grouped into contiguous segments by partition value (the tenant), with an id map.</summary>
/// <remarks>
/// Search is two passes: int8 codes of every matching row rank candidates (a quarter of the memory traffic of floats),
/// then the best few times K candidates are rescored exactly with float dot products. A collection with a log keeps only
/// the codes, ids and indexed columns in memory; float vectors and payloads are read back from the log for the candidates
/// and hits (<see cref="LoggedRowContents"/>). A filter on the partition key scans
/// only that partition's segment. Readers share a read lock; a writer appends to the log first (serialised by a gate,
/// outside the lock) and then applies the batch under the write lock, so searches never see half a batch or wait on disk.
/// </remarks>
internal sealed class VectorCollection : IDisposable
{
    private const int CompactBatch = 4096;

    // Candidates kept from the coarse pass per requested hit, and at least this many: int8 ranking errors are tiny
    // (a fraction of a percent of the score), so the exact top K is practically always among them.
    private const int CandidatesPerHit = 4;
    private const int MinCandidates = 64;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, (VectorSegment Segment, int Row)> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VectorSegment> _segments = new(StringComparer.Ordinal);
    private readonly PayloadIndex _index;
    private readonly string _partitionKey;
    // Null for an in-memory collection (a cache index that is rebuilt from elsewhere after a restart).
    private readonly VectorLog? _log;

    private VectorCollection(string? path, string partitionKey, IReadOnlySet<string>? indexedKeys)
    {
        _partitionKey = partitionKey;
        _index = new PayloadIndex(indexedKeys);
        if (path is null)
        {
            return;
        }

        // Assigned before the replay, which builds segments that read their rows from it.
        _log = VectorLog.Open(path);
        try
        {
            _log.Replay(Apply, Remove);
        }
        catch
        {
            _log.Dispose();
            throw;
        }
    }

    /// <summary>Length of the vectors (0 until the first upsert).</summary>
    public int Dimensions { get; private set; }

    /// <summary>Records replayed from the log when the collection was opened.</summary>
    public long RecordsReplayed => _log?.RecordsReplayed ?? 0;

    /// <summary>Bytes of a torn tail dropped when the collection was opened.</summary>
    public long TailBytesDropped => _log?.TailBytesDropped ?? 0;

    /// <summary>Opens a collection from its log, compacting the log when most of it is superseded.</summary>
    public static VectorCollection Open(string path, string partitionKey, IReadOnlySet<string>? indexedKeys)
    {
        var collection = new VectorCollection(path, partitionKey, indexedKeys);
        if (collection._log!.RecordsReplayed > 1024 && collection._log.RecordsReplayed > 2L * collection._rows.Count)
        {
            collection.Compact();
        }

        return collection;
    }

    /// <summary>Creates a collection that lives only in memory (no log, nothing survives the process).</summary>
    public static VectorCollection CreateInMemory(string partitionKey, IReadOnlySet<string>? indexedKeys) => new(null, partitionKey, indexedKeys);

    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            // Inside the gate: the first batch fixes the dimensions, so two racing first batches must not both see zero.
            Validate(records);
            RecordLocation[] locations = _log is null ? new RecordLocation[records.Count] : await _log.AppendUpsertAsync(records, CancellationToken.None);
            Apply(records, locations);
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
            Compact();
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
            if (_rows.Count == 0)
            {
                return [];
            }

            if (query.Length != Dimensions)
            {
                throw new ArgumentException($"Query has {query.Length} dimensions; the collection holds {Dimensions}.", nameof(query));
            }

            if (!TryCompile(filter, out CompiledFilter compiled))
            {
                return [];
            }

            float[] normalised = new float[query.Length];
            UnitVector.Normalise(query, normalised);

            var queryCodes = new sbyte[Dimensions];
            Int8Quantizer.Quantize(normalised, queryCodes);

            int keep = Math.Max(topK * CandidatesPerHit, MinCandidates);
            var coarse = new PriorityQueue<(VectorSegment Segment, int Row), float>(keep + 1);
            foreach (VectorSegment segment in SegmentsFor(filter))
            {
                segment.ScanCoarse(queryCodes, compiled, coarse, keep);
            }

            var fine = new PriorityQueue<(VectorSegment Segment, int Row), float>(topK + 1);
            while (coarse.TryDequeue(out (VectorSegment Segment, int Row) candidate, out _))
            {
                float score = candidate.Segment.Score(candidate.Row, normalised);
                if (fine.Count < topK)
                {
                    fine.Enqueue(candidate, score);
                }
                else if (fine.TryPeek(out _, out float worst) && score > worst)
                {
                    fine.EnqueueDequeue(candidate, score);
                }
            }

            var hits = new VectorHit[fine.Count];
            for (int i = hits.Length - 1; i >= 0; i--)
            {
                fine.TryDequeue(out (VectorSegment Segment, int Row) best, out float score);
                hits[i] = best.Segment.Hit(best.Row, score);
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
                return _rows.Count;
            }

            return TryCompile(filter, out CompiledFilter compiled) ? SegmentsFor(filter).Sum(s => s.CountMatching(compiled)) : 0;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<VectorRecord> Scan(IReadOnlyDictionary<string, string>? filter)
    {
        _lock.EnterReadLock();
        try
        {
            if (!TryCompile(filter, out CompiledFilter compiled))
            {
                return [];
            }

            var found = new List<VectorRecord>();
            foreach (VectorSegment segment in SegmentsFor(filter))
            {
                segment.CollectMatching(compiled, found);
            }

            return found;
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

    private VectorSegment[] SegmentsFor(IReadOnlyDictionary<string, string>? filter)
    {
        if (filter is not null && filter.TryGetValue(_partitionKey, out string? partition))
        {
            return _segments.TryGetValue(partition, out VectorSegment? segment) ? [segment] : [];
        }

        return [.. _segments.Values];
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

    private bool TryCompile(IReadOnlyDictionary<string, string>? filter, out CompiledFilter compiled)
    {
        compiled = CompiledFilter.All;
        if (filter is null || filter.Count == 0)
        {
            return true;
        }

        var keys = new List<string>(filter.Count);
        var ids = new List<int>(filter.Count);
        var longValues = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> pair in filter)
        {
            if (!_index.IsIndexed(pair.Key, pair.Value))
            {
                longValues.Add(pair);
            }
            else if (_index.TryGet(pair.Key, pair.Value, out int id))
            {
                keys.Add(pair.Key);
                ids.Add(id);
            }
            else
            {
                // Every indexed pair ever stored is interned, so an unknown one matches nothing.
                return false;
            }
        }

        compiled = new CompiledFilter([.. keys], [.. ids], [.. longValues]);
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

    private void Apply(IReadOnlyList<VectorRecord> records, RecordLocation[] locations)
    {
        _lock.EnterWriteLock();
        try
        {
            if (Dimensions == 0 && records.Count > 0)
            {
                Dimensions = records[0].Vector.Length;
            }

            for (int i = 0; i < records.Count; i++)
            {
                VectorRecord record = records[i];
                string partition = record.Payload.GetValueOrDefault(_partitionKey, string.Empty);
                if (_rows.TryGetValue(record.Id, out (VectorSegment Segment, int Row) at))
                {
                    if (_segments.TryGetValue(partition, out VectorSegment? current) && ReferenceEquals(at.Segment, current))
                    {
                        at.Segment.Write(at.Row, record, locations[i]);
                        continue;
                    }

                    RemoveRow(record.Id, at);
                }

                if (!_segments.TryGetValue(partition, out VectorSegment? segment))
                {
                    IRowContents contents = _log is null ? new HeldRowContents(Dimensions) : new LoggedRowContents(_log);
                    segment = new VectorSegment(Dimensions, _index, contents);
                    _segments[partition] = segment;
                }

                _rows[record.Id] = (segment, segment.Append(record, locations[i]));
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
                if (_rows.TryGetValue(id, out (VectorSegment Segment, int Row) at))
                {
                    RemoveRow(id, at);
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void RemoveRow(string id, (VectorSegment Segment, int Row) at)
    {
        _rows.Remove(id);
        string? moved = at.Segment.RemoveAt(at.Row);
        if (moved is not null)
        {
            _rows[moved] = (at.Segment, at.Row);
        }
    }

    // Rewrites the log to hold only the live rows. The caller holds the write gate, so rows do not move meanwhile; searches
    // go on reading the old file until the copy is switched in, under the write lock, together with the rows' new locations.
    private void Compact()
    {
        if (_log is null)
        {
            return;
        }

        var rows = new List<(LoggedRowContents Contents, int Row)>(_rows.Count);
        var live = new List<RecordLocation>(_rows.Count);
        _lock.EnterReadLock();
        try
        {
            foreach (VectorSegment segment in _segments.Values)
            {
                var contents = (LoggedRowContents)segment.Contents;
                for (int row = 0; row < segment.Count; row++)
                {
                    rows.Add((contents, row));
                    live.Add(contents[row]);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        RecordLocation[] moved = _log.WriteCompactCopy(live, CompactBatch);
        _lock.EnterWriteLock();
        try
        {
            _log.SwitchToCompactCopy();
            for (int i = 0; i < rows.Count; i++)
            {
                rows[i].Contents[rows[i].Row] = moved[i];
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
