using System.Buffers;
using System.Security.Cryptography;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Files;

/// <summary>Reads a local file the user named, within the same size limits as links (audio has its own), refusing folders, named pipes,
/// sockets, devices, unknown types and binary text.</summary>
/// <remarks>The file is read in 64 KiB pieces, checked (size, binary, encoding) and hashed as they pass: no copy of the whole file is held.</remarks>
public sealed class LocalFileReader(IOptions<FetchOptions> options)
{
    private const int PieceBytes = 64 * 1024;

    private readonly FetchOptions _options = options.Value;

    /// <summary>Reads <paramref name="path"/> into nothing, refusing what <see cref="CopyAsync"/> would refuse.</summary>
    public async Task<LocalFile> CheckAsync(string path, CancellationToken cancellationToken = default)
    {
        LocalFile file = Find(path);
        await CopyAsync(file, Stream.Null, cancellationToken);
        return file;
    }

    /// <summary>Finds <paramref name="path"/> without reading it; every problem throws <see cref="PermanentFailureException"/> with a one-line reason.</summary>
    public static LocalFile Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new PermanentFailureException($"Cannot read {path}: it is not a valid file path.", ex);
        }

        if (Directory.Exists(fullPath))
        {
            throw new PermanentFailureException($"Cannot read {path}: it is a folder; give one file.");
        }

        if (!File.Exists(fullPath))
        {
            string hint = LooksLikeLinkWithoutScheme(path) ? $" Did you mean https://{path}?" : string.Empty;
            throw new PermanentFailureException($"Cannot read {path}: no such file.{hint}");
        }

        if (SpecialFile.Describe(fullPath) is { } special)
        {
            // Refused before opening: opening a FIFO waits for a writer, and a device never ends.
            throw new PermanentFailureException($"Cannot read {path}: it is {special}, not a regular file.");
        }

        string extension = Path.GetExtension(fullPath);
        if (ContentTypes.ForExtension(extension) is not { } type)
        {
            string what = extension.Length == 0 ? "files without an extension are" : $"{extension} files are";
            throw new PermanentFailureException($"Cannot read {path}: {what} not supported (accepted: {ContentTypes.AcceptedExtensions}).");
        }

        return new LocalFile(path, fullPath, type.Kind, type.MediaType);
    }

    /// <summary>Copies <paramref name="file"/> to <paramref name="to"/> piece by piece; every problem throws <see cref="PermanentFailureException"/>
    /// with a one-line reason, possibly once some pieces were written (give a stream that discards them then, as the artifact store's do).</summary>
    public async Task<LocalFileCopy> CopyAsync(LocalFile file, Stream to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(to);
        bool text = ContentTypes.IsText(file.Kind);
        EncodingCheck? check = text ? new EncodingCheck(file.MediaType) : null;
        using IncrementalHash? hash = text ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = await CopyBoundedAsync(file, to, piece =>
        {
            check?.Append(piece);
            hash?.AppendData(piece);
        }, cancellationToken);

        if (length == 0)
        {
            throw new PermanentFailureException($"Cannot read {file.Source}: the file is empty.");
        }

        if (check is null)
        {
            return new LocalFileCopy(null, hash!.GetHashAndReset());
        }

        check.Complete();
        if (check.LooksBinary)
        {
            throw new PermanentFailureException($"Cannot read {file.Source}: it contains binary data, not {Path.GetExtension(file.FullPath)} text.");
        }

        if (check.Problem is { } encoding)
        {
            throw new PermanentFailureException($"Cannot read {file.Source}: {encoding}.");
        }

        return new LocalFileCopy(check.Result, null);
    }

    // Returns the number of bytes copied; each piece is seen before it is written.
    private async Task<long> CopyBoundedAsync(LocalFile file, Stream to, Action<ReadOnlySpan<byte>> see, CancellationToken cancellationToken)
    {
        long maxBytes = _options.MaxBytesFor(file.Kind);
        byte[] piece = ArrayPool<byte>.Shared.Rent(PieceBytes);
        try
        {
            await using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (stream.Length > maxBytes)
            {
                throw TooLarge(file.Source, file.Kind);
            }

            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(piece.AsMemory(0, PieceBytes), cancellationToken)) > 0)
            {
                // The file may have grown after the length check.
                total += read;
                if (total > maxBytes)
                {
                    throw TooLarge(file.Source, file.Kind);
                }

                see(piece.AsSpan(0, read));
                await to.WriteAsync(piece.AsMemory(0, read), cancellationToken);
            }

            return total;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PermanentFailureException($"Cannot read {file.Source}: permission denied.", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(piece);
        }
    }

    private PermanentFailureException TooLarge(string path, ContentKind kind) =>
        new($"Cannot read {path}: the file is larger than the {SafeHttpFetcher.DescribeBytes(_options.MaxBytesFor(kind))} limit. Raise {FetchOptions.SettingFor(kind)} to accept larger content.");

    private static bool LooksLikeLinkWithoutScheme(string path) =>
        !path.Contains('\\', StringComparison.Ordinal) && !path.StartsWith('.') && !path.StartsWith('/')
        && path.Split('/')[0] is { } first && first.Contains('.', StringComparison.Ordinal) && first.Split('.')[^1].Length >= 2
        && first.Split('.')[^1].All(char.IsAsciiLetter) && ContentTypes.ForExtension(Path.GetExtension(first)) is null;
}
