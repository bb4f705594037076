using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using AutoIntel.Memory.Text;
using Microsoft.Win32.SafeHandles;

namespace AutoIntel.Memory.Vectors;

/// <summary>An append-only file of checksummed frames, each one batch of upserts or deletes of one collection.</summary>
/// <remarks>
/// A frame is <c>[int32 length][uint64 FNV-1a of body][body]</c>. Replay stops at the first short or corrupt frame and cuts the
/// file there, so a write torn by a crash loses only that batch and later appends start on a clean boundary.
/// The log is also where a collection's float vectors and payloads stay: every upsert reports where each record landed
/// (<see cref="RecordLocation"/>), and <see cref="Read"/> reads one back with a positioned read on a handle of its own,
/// which any number of threads can do at once.
/// </remarks>
internal sealed class VectorLog : IDisposable
{
    private const int HeaderBytes = 12;
    private const int OpAndCountBytes = 5;
    private const byte UpsertOp = 1;
    private const byte DeleteOp = 2;

    // A compacted frame holds at most this many bytes of records (and at most the caller's batch of records), so rewriting
    // a large collection never builds a frame of tens of megabytes.
    private const int MaxCompactFrameBytes = 1 << 20;

    // A frame buffer larger than this is not kept for the next append (one huge batch should not pin its size for good).
    private const int MaxKeptFrameBytes = 4 << 20;
    private static readonly byte[] Magic = "AIVLOG01"u8.ToArray();

    private readonly string _path;

    // Appends encode into one reused buffer (the collection's write gate serialises them): a batch of passages is a few
    // hundred kilobytes, and a fresh body, its copy and the frame for every batch were large-object garbage that piled up
    // to hundreds of megabytes while a long run was remembered.
    private MemoryStream _frame = new();
    private FileStream _stream;
    private SafeFileHandle _reader;

    private VectorLog(string path, FileStream stream, SafeFileHandle reader)
    {
        _path = path;
        _stream = stream;
        _reader = reader;
    }

    /// <summary>Frames replayed when the log was opened.</summary>
    public int FramesReplayed { get; private set; }

    /// <summary>Records (upserts and deletes) replayed when the log was opened.</summary>
    public long RecordsReplayed { get; private set; }

    /// <summary>Bytes cut from a torn or corrupt tail when the log was opened.</summary>
    public long TailBytesDropped { get; private set; }

    private string CompactPath => _path + ".compact";

    /// <summary>Opens (or creates) a log; <see cref="Replay"/> it before appending.</summary>
    public static VectorLog Open(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
        try
        {
            return new VectorLog(path, stream, OpenReader(path));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends an upsert batch; returns where each record landed, in order.</summary>
    public async Task<RecordLocation[]> AppendUpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        long frameStart = _stream.Position;
        var locations = new RecordLocation[records.Count];
        using (BinaryWriter writer = StartFrame(UpsertOp, records.Count))
        {
            for (int i = 0; i < records.Count; i++)
            {
                long start = _frame.Position;
                WriteRecord(writer, records[i]);
                writer.Flush();
                locations[i] = new RecordLocation(frameStart + start, (int)(_frame.Position - start));
            }
        }

        await AppendFrameAsync(cancellationToken);
        return locations;
    }

    /// <summary>Appends a delete batch.</summary>
    public Task AppendDeleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        using (BinaryWriter writer = StartFrame(DeleteOp, ids.Count))
        {
            foreach (string id in ids)
            {
                writer.Write(id);
            }
        }

        return AppendFrameAsync(cancellationToken);
    }

    /// <summary>Reads back the record at <paramref name="location"/> (its vector as it was stored, not normalised).</summary>
    public VectorRecord Read(RecordLocation location)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(location.Length);
        try
        {
            ReadExactly(_reader, buffer.AsSpan(0, location.Length), location.Offset);
            using var reader = new BinaryReader(new MemoryStream(buffer, 0, location.Length, writable: false), Encoding.UTF8);
            return DecodeRecord(reader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads just the vector of the record at <paramref name="location"/> into <paramref name="into"/> (as stored, not
    /// normalised): what rescoring a search candidate needs, without decoding its id and payload.</summary>
    public void ReadVector(RecordLocation location, Span<float> into)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(location.Length);
        try
        {
            Span<byte> record = buffer.AsSpan(0, location.Length);
            ReadExactly(_reader, record, location.Offset);

            // A record starts with its id as BinaryWriter writes strings: a 7-bit encoded byte count, then the UTF-8 bytes.
            int idBytes = 0;
            int at = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = record[at++];
                idBytes |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }

            at += idBytes;
            int dims = BinaryPrimitives.ReadInt32LittleEndian(record[at..]);
            if (dims != into.Length)
            {
                throw new InvalidDataException($"'{_path}' holds a {dims}-dimension vector where {into.Length} were expected.");
            }

            MemoryMarshal.Cast<byte, float>(record.Slice(at + sizeof(int), dims * sizeof(float))).CopyTo(into);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes a compacted copy holding just the records at <paramref name="live"/>, in frames of at most
    /// <paramref name="batch"/> records; returns where each one sits in the copy. <see cref="SwitchToCompactCopy"/> puts it in place.</summary>
    /// <remarks>Records are copied byte for byte, so the copy reads back exactly what was stored. The log stays readable meanwhile.</remarks>
    public RecordLocation[] WriteCompactCopy(IReadOnlyList<RecordLocation> live, int batch)
    {
        var moved = new RecordLocation[live.Count];
        using var output = new FileStream(CompactPath, FileMode.Create, FileAccess.Write, FileShare.None);
        output.Write(Magic);
        int start = 0;
        while (start < live.Count)
        {
            int end = start;
            long bytes = OpAndCountBytes;
            while (end < live.Count && end - start < batch && (end == start || bytes + live[end].Length <= MaxCompactFrameBytes))
            {
                bytes += live[end++].Length;
            }

            byte[] body = new byte[bytes];
            body[0] = UpsertOp;
            BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(1), end - start);
            int at = OpAndCountBytes;
            long bodyStart = output.Position + HeaderBytes;
            for (int i = start; i < end; i++)
            {
                ReadExactly(_reader, body.AsSpan(at, live[i].Length), live[i].Offset);
                moved[i] = new RecordLocation(bodyStart + at, live[i].Length);
                at += live[i].Length;
            }

            WriteFrame(output, body);
            start = end;
        }

        output.Flush(flushToDisk: true);
        return moved;
    }

    /// <summary>Replaces the log with the copy <see cref="WriteCompactCopy"/> wrote; locations it returned hold from now on.</summary>
    /// <remarks>Callers must keep readers out while this runs: the old file's handle is closed.</remarks>
    public void SwitchToCompactCopy()
    {
        _stream.Dispose();
        _reader.Dispose();
        File.Move(CompactPath, _path, overwrite: true);
        _stream = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _stream.Seek(0, SeekOrigin.End);
        _reader = OpenReader(_path);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _reader.Dispose();
        _frame.Dispose();
    }

    // A handle of its own for positioned reads: reading through the append stream's handle would make the stream re-check
    // its position on every write, and positioned reads on one handle are safe from many threads.
    private static SafeFileHandle OpenReader(string path) => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private static void ReadExactly(SafeFileHandle handle, Span<byte> into, long offset)
    {
        while (!into.IsEmpty)
        {
            int read = RandomAccess.Read(handle, into, offset);
            if (read == 0)
            {
                throw new InvalidDataException($"A vector log ends before the record at offset {offset}; the log was changed outside the store.");
            }

            into = into[read..];
            offset += read;
        }
    }

    // Empties the frame buffer, leaves room for the header and writes the body's operation and count.
    private BinaryWriter StartFrame(byte op, int count)
    {
        if (_frame.Capacity > MaxKeptFrameBytes)
        {
            _frame = new MemoryStream();
        }

        _frame.SetLength(0);
        _frame.Write(stackalloc byte[HeaderBytes]);
        var writer = new BinaryWriter(_frame, Encoding.UTF8, leaveOpen: true);
        writer.Write(op);
        writer.Write(count);
        return writer;
    }

    private async Task AppendFrameAsync(CancellationToken cancellationToken)
    {
        int length = SealFrame();

        // One write per frame so a crash tears at most this frame; flushing hands it to the OS before the caller hears "done"
        // (and before the caller records locations that readers will read through the other handle).
        await _stream.WriteAsync(_frame.GetBuffer().AsMemory(0, length), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    // Fills in the header (body length and checksum) in front of the body; returns the frame's length.
    private int SealFrame()
    {
        int length = (int)_frame.Length;
        Span<byte> frame = _frame.GetBuffer().AsSpan(0, length);
        BinaryPrimitives.WriteInt32LittleEndian(frame, length - HeaderBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(frame[4..], Fnv1a.Hash(frame[HeaderBytes..]));
        return length;
    }

    private static void WriteFrame(Stream output, byte[] body)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[4..], Fnv1a.Hash(body));
        output.Write(header);
        output.Write(body);
    }

    /// <summary>Replays every intact frame through the callbacks (upserts with where each record sits) and cuts a torn tail.</summary>
    public void Replay(Action<IReadOnlyList<VectorRecord>, RecordLocation[]> onUpsert, Action<IReadOnlyList<string>> onDelete)
    {
        long length = _stream.Length;
        if (length < Magic.Length)
        {
            // New (or torn while being created): start fresh.
            _stream.SetLength(0);
            _stream.Write(Magic);
            _stream.Flush();
            TailBytesDropped = length;
            return;
        }

        byte[] magic = new byte[Magic.Length];
        _stream.ReadExactly(magic);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{_path}' is not an AutoIntel vector log.");
        }

        long good = _stream.Position;
        byte[] header = new byte[HeaderBytes];
        byte[] body = [];
        while (true)
        {
            if (_stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) != HeaderBytes)
            {
                break;
            }

            int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(header);
            ulong checksum = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(4));
            if (bodyLength <= 0 || bodyLength > length - _stream.Position)
            {
                break;
            }

            long bodyStart = _stream.Position;
            if (body.Length < bodyLength)
            {
                body = new byte[Math.Max(bodyLength, body.Length * 2)];
            }

            _stream.ReadExactly(body, 0, bodyLength);
            if (Fnv1a.Hash(body.AsSpan(0, bodyLength)) != checksum)
            {
                break;
            }

            Decode(body, bodyLength, bodyStart, onUpsert, onDelete);
            good = _stream.Position;
        }

        TailBytesDropped = length - good;
        if (TailBytesDropped > 0)
        {
            _stream.SetLength(good);
            _stream.Flush();
        }

        _stream.Seek(0, SeekOrigin.End);
    }

    private void Decode(byte[] body, int bodyLength, long bodyStart, Action<IReadOnlyList<VectorRecord>, RecordLocation[]> onUpsert, Action<IReadOnlyList<string>> onDelete)
    {
        using var reader = new BinaryReader(new MemoryStream(body, 0, bodyLength, writable: false), Encoding.UTF8);
        byte op = reader.ReadByte();
        int count = reader.ReadInt32();
        FramesReplayed++;
        RecordsReplayed += count;
        if (op == DeleteOp)
        {
            var ids = new string[count];
            for (int i = 0; i < count; i++)
            {
                ids[i] = reader.ReadString();
            }

            onDelete(ids);
            return;
        }

        var records = new VectorRecord[count];
        var locations = new RecordLocation[count];
        for (int i = 0; i < count; i++)
        {
            long start = reader.BaseStream.Position;
            records[i] = DecodeRecord(reader);
            locations[i] = new RecordLocation(bodyStart + start, (int)(reader.BaseStream.Position - start));
        }

        onUpsert(records, locations);
    }

    private VectorRecord DecodeRecord(BinaryReader reader)
    {
        string id = reader.ReadString();
        var vector = new float[reader.ReadInt32()];
        if (reader.Read(MemoryMarshal.AsBytes(vector.AsSpan())) != vector.Length * sizeof(float))
        {
            throw new InvalidDataException($"'{_path}' has a frame with a short vector.");
        }

        int pairs = reader.ReadInt32();
        var payload = new Dictionary<string, string>(pairs, StringComparer.Ordinal);
        for (int p = 0; p < pairs; p++)
        {
            payload[reader.ReadString()] = reader.ReadString();
        }

        return new VectorRecord(id, vector, payload);
    }

    private static void WriteRecord(BinaryWriter writer, VectorRecord record)
    {
        writer.Write(record.Id);
        writer.Write(record.Vector.Length);
        writer.Write(MemoryMarshal.AsBytes(record.Vector.AsSpan()));
        writer.Write(record.Payload.Count);
        foreach (KeyValuePair<string, string> pair in record.Payload)
        {
            writer.Write(pair.Key);
            writer.Write(pair.Value);
        }
    }
}
