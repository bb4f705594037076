using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Files;

/// <summary>Reads a local file the user named, within the same size limits as links (audio has its own), refusing folders, named pipes,
/// sockets, devices, unknown types and binary text.</summary>
public sealed class LocalFileReader(IOptions<FetchOptions> options)
{
    private readonly FetchOptions _options = options.Value;

    /// <summary>Reads <paramref name="path"/>; every problem throws <see cref="PermanentFailureException"/> with a one-line reason.</summary>
    public async Task<LocalFile> ReadAsync(string path, CancellationToken cancellationToken = default)
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

        byte[] bytes = await ReadBoundedAsync(fullPath, path, type.Kind, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new PermanentFailureException($"Cannot read {path}: the file is empty.");
        }

        if (ContentTypes.IsText(type.Kind) && TextDecoder.LooksBinary(bytes))
        {
            throw new PermanentFailureException($"Cannot read {path}: it contains binary data, not {extension} text.");
        }

        if (ContentTypes.IsText(type.Kind) && TextDecoder.Problem(bytes, type.MediaType) is { } encoding)
        {
            throw new PermanentFailureException($"Cannot read {path}: {encoding}.");
        }

        return new LocalFile(fullPath, type.Kind, type.MediaType, bytes);
    }

    private async Task<byte[]> ReadBoundedAsync(string fullPath, string path, ContentKind kind, CancellationToken cancellationToken)
    {
        long maxBytes = _options.MaxBytesFor(kind);
        try
        {
            await using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.Asynchronous);
            if (stream.Length > maxBytes)
            {
                throw TooLarge(path, kind);
            }

            // Read one byte past the limit, in case the file grew after the length check.
            byte[] buffer = new byte[Math.Min(stream.Length, maxBytes) + 1];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
            }

            if (total > maxBytes)
            {
                throw TooLarge(path, kind);
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PermanentFailureException($"Cannot read {path}: permission denied.", ex);
        }
    }

    private PermanentFailureException TooLarge(string path, ContentKind kind) =>
        new($"Cannot read {path}: the file is larger than the {SafeHttpFetcher.DescribeBytes(_options.MaxBytesFor(kind))} limit. Raise {FetchOptions.SettingFor(kind)} to accept larger content.");

    private static bool LooksLikeLinkWithoutScheme(string path) =>
        !path.Contains('\\', StringComparison.Ordinal) && !path.StartsWith('.') && !path.StartsWith('/')
        && path.Split('/')[0] is { } first && first.Contains('.', StringComparison.Ordinal) && first.Split('.')[^1].Length >= 2
        && first.Split('.')[^1].All(char.IsAsciiLetter) && ContentTypes.ForExtension(Path.GetExtension(first)) is null;
}
