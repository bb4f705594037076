using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using AutoIntel.Memory.Text;

namespace AutoIntel.Memory.Vectors;

/// <summary>An append-only file of checksummed frames, each one batch of upserts or deletes of one collection.</summary>
/// <remarks>
/// A frame is <c>[int32 length][uint64 FNV-1a of body][body]</c>. Replay stops at the first short or corrupt frame and cuts the
/// file there, so a write torn by a crash loses only that batch and later appends start on a clean boundary.
/// </remarks>
internal sealed class VectorLog : IDisposable
{
    private const int HeaderBytes = 12;
    private const byte UpsertOp = 1;
    private const byte DeleteOp = 2;
    private static readonly byte[] Magic = "AIVLOG01"u8.ToArray();

    private readonly string _path;
    private FileStream _stream;

    private VectorLog(string path, FileStream stream)
    {
        _path = path;
        _stream = stream;
    }

    /// <summary>Frames replayed when the log was opened.</summary>
    public int FramesReplayed { get; private set; }

    /// <summary>Records (upserts and deletes) replayed when the log was opened.</summary>
    public long RecordsReplayed { get; private set; }

    /// <summary>Bytes cut from a torn or corrupt tail when the log was opened.</summary>
    public long TailBytesDropped { get; private set; }

    /// <summary>Opens (or creates) a log and replays every intact frame through the callbacks.</summary>
    public static VectorLog Open(string path, Action<IReadOnlyList<VectorRecord>> onUpsert, Action<IReadOnlyList<string>> onDelete)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
        var log = new VectorLog(path, stream);
        try
        {
            log.Replay(onUpsert, onDelete);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return log;
    }

    /// <summary>Appends an upsert batch.</summary>
    public Task AppendUpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken) =>
        AppendAsync(EncodeUpsert(records), cancellationToken);

    /// <summary>Appends a delete batch.</summary>
    public Task AppendDeleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        AppendAsync(EncodeDelete(ids), cancellationToken);

    /// <summary>Replaces the whole log with one holding just <paramref name="live"/> (in frames of <paramref name="batch"/>).</summary>
    public void Rewrite(IReadOnlyList<VectorRecord> live, int batch)
    {
        string temp = _path + ".compact";
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            output.Write(Magic);
            for (int start = 0; start < live.Count; start += batch)
            {
                int take = Math.Min(batch, live.Count - start);
                WriteFrame(output, EncodeUpsert([.. live.Skip(start).Take(take)]));
            }

            output.Flush(flushToDisk: true);
        }

        _stream.Dispose();
        File.Move(temp, _path, overwrite: true);
        _stream = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _stream.Seek(0, SeekOrigin.End);
    }

    public void Dispose() => _stream.Dispose();

    private async Task AppendAsync(byte[] body, CancellationToken cancellationToken)
    {
        byte[] frame = new byte[HeaderBytes + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, body.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(4), Fnv1a.Hash(body));
        body.CopyTo(frame, HeaderBytes);

        // One write per frame so a crash tears at most this frame; flushing hands it to the OS before the caller hears "done".
        await _stream.WriteAsync(frame, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    private static void WriteFrame(Stream output, byte[] body)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[4..], Fnv1a.Hash(body));
        output.Write(header);
        output.Write(body);
    }

    private void Replay(Action<IReadOnlyList<VectorRecord>> onUpsert, Action<IReadOnlyList<string>> onDelete)
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

            byte[] body = new byte[bodyLength];
            _stream.ReadExactly(body);
            if (Fnv1a.Hash(body) != checksum)
            {
                break;
            }

            Decode(body, onUpsert, onDelete);
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

    private void Decode(byte[] body, Action<IReadOnlyList<VectorRecord>> onUpsert, Action<IReadOnlyList<string>> onDelete)
    {
        using var reader = new BinaryReader(new MemoryStream(body, writable: false), Encoding.UTF8);
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
        for (int i = 0; i < count; i++)
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

            records[i] = new VectorRecord(id, vector, payload);
        }

        onUpsert(records);
    }

    private static byte[] EncodeUpsert(IReadOnlyList<VectorRecord> records) => Encode(UpsertOp, records.Count, writer =>
    {
        foreach (VectorRecord record in records)
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
    });

    private static byte[] EncodeDelete(IReadOnlyList<string> ids) => Encode(DeleteOp, ids.Count, writer =>
    {
        foreach (string id in ids)
        {
            writer.Write(id);
        }
    });

    private static byte[] Encode(byte op, int count, Action<BinaryWriter> writeItems)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(op);
            writer.Write(count);
            writeItems(writer);
        }

        return body.ToArray();
    }
}
