using System.Security.Cryptography;
using AutoIntel.Core;
using Microsoft.Extensions.Options;

namespace AutoIntel.Storage;

/// <summary>Stores artifacts as files under a root folder, writing each one atomically (temp file, then rename);
/// conditional writes lock a hidden per-artifact lock file, so they hold across processes sharing the folder.</summary>
public sealed class FileArtifactStore : IArtifactStore
{
    private const int MoveAttempts = 5;

    // How long a conditional write waits for another writer's lock on the same artifact (they hold it for one read and one write).
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        // Links could point outside the root; artifacts are never written as links, so skip them.
        AttributesToSkip = FileAttributes.ReparsePoint,
        MatchType = MatchType.Simple,
    };

    private readonly string _root;

    /// <summary>Creates a store rooted at <see cref="FileArtifactStoreOptions.RootPath"/>.</summary>
    public FileArtifactStore(IOptions<FileArtifactStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string rootPath = options.Value.RootPath;
        if (string.IsNullOrWhiteSpace(rootPath))
        {
            throw new ArgumentException("FileArtifactStore:RootPath is not set.", nameof(options));
        }

        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
    }

    /// <summary>The absolute root folder.</summary>
    public string RootPath => _root;

    /// <inheritdoc />
    public async Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        string target = ToFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await WriteAtomicallyAsync(target, content, cancellationToken);
        return new ArtifactRef(path, content.Length, mediaType);
    }

    /// <inheritdoc />
    /// <remarks>Written to the same kind of hidden temp file as <see cref="PutAsync"/> as <paramref name="write"/> goes, then renamed into place.</remarks>
    public async Task<ArtifactRef> PutStreamAsync(string path, Func<Stream, CancellationToken, Task> write, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        string target = ToFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        long length = await WriteAtomicallyAsync(target, write, cancellationToken);
        return new ArtifactRef(path, length, mediaType);
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        string target = ToFullPath(path);
        try
        {
            // Delete sharing: a purge of the run may remove the file while it is read (the open handle keeps reading it on POSIX).
            return Task.FromResult<Stream>(new FileStream(
                target, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"Artifact '{path}' does not exist.", path, ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>The version is the SHA-256 of the bytes, so it names the content rather than the write.</remarks>
    public async Task<VersionedArtifact?> GetVersionedAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[]? content = await ReadIfExistsAsync(ToFullPath(path), cancellationToken);
        return content is null ? null : new VersionedArtifact(content, VersionOf(content));
    }

    /// <inheritdoc />
    /// <remarks>Read, compare and write happen under an exclusive lock on a hidden <c>.{name}.lock</c> file beside the artifact,
    /// which holds across processes on one machine (FileShare.None is an OS lock on Windows and an flock on Linux and macOS).
    /// The lock file is left in place: deleting it would let a waiter and a newcomer lock different files.</remarks>
    public async Task<bool> TryPutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        string target = ToFullPath(path);
        await using FileStream held = await LockAsync(target, cancellationToken);

        byte[]? current = await ReadIfExistsAsync(target, cancellationToken);
        string? currentVersion = current is null ? null : VersionOf(current);
        if (!string.Equals(currentVersion, expectedVersion, StringComparison.Ordinal))
        {
            return false;
        }

        await WriteAtomicallyAsync(target, content, cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        string target = ToFullPath(path);
        try
        {
            return await File.ReadAllBytesAsync(target, cancellationToken);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new FileNotFoundException($"Artifact '{path}' does not exist.", path, ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new FileNotFoundException($"Artifact '{path}' does not exist.", path, ex);
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        string target = ToFullPath(path);
        return Task.FromResult(File.Exists(target));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        var paths = new List<string>();
        foreach (string path in EnumerateUnder(prefix))
        {
            cancellationToken.ThrowIfCancellationRequested();
            paths.Add(path);
        }

        paths.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(paths);
    }

    /// <inheritdoc />
    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        if (prefix.Length == 0)
        {
            throw new ArgumentException("Refusing to delete every artifact: give a non-empty prefix such as 'runs/{runId}/'.", nameof(prefix));
        }

        int deleted = 0;
        foreach (string path in EnumerateUnder(prefix).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string full = ToFullPath(path);
            if (File.Exists(full))
            {
                File.Delete(full);
                deleted++;
            }
        }

        RemoveEmptyDirectories(prefix);
        return Task.FromResult(deleted);
    }

    private static Task<long> WriteAtomicallyAsync(string target, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(target, (stream, token) => stream.WriteAsync(content, token).AsTask(), cancellationToken);

    // Returns the number of bytes written.
    private static async Task<long> WriteAtomicallyAsync(string target, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        // Same folder as the target, so the rename stays on one volume and is atomic; the leading '.' keeps it out of listings.
        string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long length;
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
                length = stream.Length;
            }

            await MoveIntoPlaceAsync(temp, target, cancellationToken);
            return length;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static async Task<byte[]?> ReadIfExistsAsync(string target, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(target, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static string VersionOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    // Holds an exclusive lock on the artifact's lock file until the returned stream is disposed.
    private static async Task<FileStream> LockAsync(string target, CancellationToken cancellationToken)
    {
        string directory = Path.GetDirectoryName(target)!;
        string lockPath = Path.Combine(directory, $".{Path.GetFileName(target)}.lock");
        long deadline = Environment.TickCount64 + (long)LockTimeout.TotalMilliseconds;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(directory);
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException ex) when (ex is not FileNotFoundException)
            {
                // Another writer (in this process or another) holds it; a concurrent DeletePrefixAsync may also have removed the folder.
                if (Environment.TickCount64 > deadline)
                {
                    throw new IOException($"Could not lock '{lockPath}' within {LockTimeout.TotalSeconds:0} s: another writer holds it ({ex.Message}).", ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + Math.Min(attempt, 20))), cancellationToken);
            }
        }
    }

    private static async Task MoveIntoPlaceAsync(string temp, string target, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temp, target, overwrite: true);
                return;
            }
            catch (IOException) when (attempt < MoveAttempts)
            {
                // Windows refuses to replace a file another writer or reader holds open for a moment; POSIX rename never does.
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), cancellationToken);
            }
            catch (UnauthorizedAccessException) when (attempt < MoveAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), cancellationToken);
            }
        }
    }

    private IEnumerable<string> EnumerateUnder(string prefix)
    {
        // The deepest folder the prefix fully names; the rest of the prefix filters file names like a blob prefix does.
        int lastSlash = prefix.LastIndexOf('/');
        string folder = lastSlash < 0 ? _root : Path.Combine(_root, prefix[..lastSlash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (string file in Directory.EnumerateFiles(folder, "*", ListOptions))
        {
            string relative = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith(prefix, StringComparison.Ordinal) && !IsStaging(relative))
            {
                yield return relative;
            }
        }
    }

    // Staging files (and anything else no valid path could name) have a segment starting with '.'.
    private static bool IsStaging(string relative) => relative[0] == '.' || relative.Contains("/.", StringComparison.Ordinal);

    private void RemoveEmptyDirectories(string prefix)
    {
        int lastSlash = prefix.LastIndexOf('/');
        if (lastSlash < 0)
        {
            return;
        }

        string folder = Path.Combine(_root, prefix[..lastSlash].Replace('/', Path.DirectorySeparatorChar));
        try
        {
            if (Directory.Exists(folder))
            {
                // Deepest first, so a folder emptied by removing its children goes too.
                foreach (string child in Directory.EnumerateDirectories(folder, "*", ListOptions).OrderByDescending(d => d.Length).ToList())
                {
                    DeleteIfEmpty(child);
                }
            }

            while (folder.Length > _root.Length && DeleteIfEmpty(folder))
            {
                folder = Path.GetDirectoryName(folder)!;
            }
        }
        catch (IOException)
        {
            // A concurrent writer just created something here; leaving an empty folder behind is harmless.
        }
    }

    private static bool DeleteIfEmpty(string folder)
    {
        if (!Directory.Exists(folder) || Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return false;
        }

        Directory.Delete(folder);
        return true;
    }

    private string ToFullPath(string path)
    {
        ArtifactPath.Validate(path);
        string full = Path.GetFullPath(Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar)));

        // Validation already rules out traversal; this is the belt to its braces.
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Artifact path '{path}' resolves outside the store root.", nameof(path));
        }

        return full;
    }
}
