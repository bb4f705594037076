using System.Buffers;
using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Runtime;

/// <summary>Keeps each instance's history as a JSON-lines file, locked by the one runner that appends to it.</summary>
/// <remarks>
/// The lock is a separate <c>.lock</c> file opened without sharing (an OS file lock, released if the process dies), so
/// status reads of the history file keep working while another process runs the instance.
/// </remarks>
public sealed class FileHistoryStore : IHistoryStore
{
    private const string HistoryExtension = ".jsonl";
    private const string LockExtension = ".lock";

    // A new generation is written here first and renamed over the history, so a crash leaves one whole file or the other.
    private const string NextExtension = ".next";
    private const int LockAttempts = 3;
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(20);
    private readonly string _root;

    public FileHistoryStore(FileHistoryStoreOptions options)
    {
        _root = Path.GetFullPath(options.RootPath);
        Directory.CreateDirectory(_root);
    }

    /// <summary>The folder holding the histories.</summary>
    public string RootPath => _root;

    /// <summary>The history file of an instance (which may not exist).</summary>
    public string PathOf(string instanceId) => Path.Combine(_root, ValidId(instanceId) + HistoryExtension);

    /// <inheritdoc/>
    public async Task<IHistoryLog> OpenAsync(string instanceId, CancellationToken cancellationToken)
    {
        var lockFile = AcquireLock(instanceId);
        FileStream? stream = null;
        try
        {
            stream = OpenForAppend(PathOf(instanceId));
            var data = new byte[stream.Length];
            await stream.ReadExactlyAsync(data, cancellationToken);
            var (events, validLength) = HistoryJsonLines.Read(data, instanceId);
            if (validLength != stream.Length)
            {
                // Drop a torn tail so the next batch starts on a fresh line.
                stream.SetLength(validLength);
            }

            stream.Position = validLength;
            return new FileHistoryLog(instanceId, events, stream, lockFile, PathOf(instanceId), Path.Combine(_root, instanceId + NextExtension));
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }

            await lockFile.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HistoryEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        byte[] data;
        try
        {
            await using var stream = new FileStream(PathOf(instanceId), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
            data = new byte[stream.Length];
            var read = await stream.ReadAtLeastAsync(data, data.Length, throwOnEndOfStream: false, cancellationToken);
            if (read < data.Length)
            {
                Array.Resize(ref data, read);
            }
        }
        catch (FileNotFoundException)
        {
            return [];
        }

        return HistoryJsonLines.Read(data, instanceId).Events;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids = Directory.EnumerateFiles(_root, "*" + HistoryExtension)
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(ids);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Probes the lock with a shared OS lock, which fails while a runner holds the exclusive one; the OS drops a lock when its
    /// process dies, so a <c>kill -9</c> shows at once, with no heartbeat to wait out.
    /// </remarks>
    public Task<bool> IsHeldAsync(string instanceId, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_root, ValidId(instanceId) + LockExtension);
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            return Task.FromResult(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult(false);
        }
        catch (IOException)
        {
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var path = PathOf(instanceId);
        if (!File.Exists(path))
        {
            return false;
        }

        await using (AcquireLock(instanceId))
        {
            File.Delete(path);
            File.Delete(Path.Combine(_root, instanceId + NextExtension));
        }

        // The lock file goes last, and only once nobody holds it; a concurrent opener simply recreates it.
        File.Delete(Path.Combine(_root, ValidId(instanceId) + LockExtension));
        return true;
    }

    private static string ValidId(string instanceId) => InstanceIds.Validate(instanceId, nameof(instanceId));

    private static FileStream OpenForAppend(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.OpenOrCreate,
        Access = FileAccess.ReadWrite,
        Share = FileShare.ReadWrite | FileShare.Delete,

        // Unbuffered: each batch goes to the OS in one write, so a killed process loses nothing already appended.
        BufferSize = 0,
    });

    private FileStream AcquireLock(string instanceId)
    {
        var path = Path.Combine(_root, ValidId(instanceId) + LockExtension);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // FileShare.None takes an exclusive OS lock (flock on Unix) that dies with the process.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (attempt == LockAttempts)
                {
                    throw InstanceLockedException.For(instanceId, ex);
                }

                // A status probe (IsHeldAsync) holds a shared lock for a moment; a runner holds it for the whole run.
                Thread.Sleep(LockRetryDelay);
            }
        }
    }

    private sealed class FileHistoryLog(string instanceId, List<HistoryEvent> events, FileStream stream, FileStream lockFile, string path, string nextPath)
        : IHistoryLog
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
        private readonly Utf8JsonWriter _writer = new(Stream.Null);
        private FileStream _stream = stream;

        public string InstanceId => instanceId;

        public IReadOnlyList<HistoryEvent> Events => events;

        public async Task AppendAsync(IReadOnlyList<HistoryEvent> batch, bool flushToDisk, CancellationToken cancellationToken)
        {
            if (batch.Count == 0)
            {
                return;
            }

            _buffer.ResetWrittenCount();
            HistoryJsonLines.Write(batch, _buffer, _writer);
            await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
            if (flushToDisk)
            {
                _stream.Flush(flushToDisk: true);
            }
        }

        public async Task ReplaceAsync(IReadOnlyList<HistoryEvent> batch, bool flushToDisk, CancellationToken cancellationToken)
        {
            _buffer.ResetWrittenCount();
            HistoryJsonLines.Write(batch, _buffer, _writer);
            await using (var next = new FileStream(nextPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                await next.WriteAsync(_buffer.WrittenMemory, cancellationToken);

                // Before the rename: with FlushToDisk the new generation must be on disk before it replaces the old one.
                if (flushToDisk)
                {
                    next.Flush(flushToDisk: true);
                }
            }

            // rename(2) replaces the file atomically; we hold the instance lock, so no other runner appends meanwhile.
            File.Move(nextPath, path, overwrite: true);
            await _stream.DisposeAsync();
            _stream = OpenForAppend(path);
            _stream.Position = _stream.Length;
        }

        public async ValueTask DisposeAsync()
        {
            await _writer.DisposeAsync();
            await _stream.DisposeAsync();
            await lockFile.DisposeAsync();
        }
    }
}
