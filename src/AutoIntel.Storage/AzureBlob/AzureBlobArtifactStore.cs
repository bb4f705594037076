using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using AutoIntel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Storage.AzureBlob;

/// <summary>Stores artifacts as block blobs in one container, through Azure.Storage.Blobs (Shared Key or Entra ID).</summary>
/// <remarks>
/// Each artifact is one upload, which the service commits atomically: readers see the old or the new blob, never a mix.
/// The first write that finds the container missing creates it. Listing pages through the service's continuation tokens and
/// returns names in ordinal order. Errors are the SDK's <see cref="RequestFailedException"/>; refused credentials say what to check.
/// </remarks>
public sealed class AzureBlobArtifactStore : IArtifactStore
{
    /// <summary>The Blob REST API version sent: the newest that Azurite (pinned in <c>eng/azurite</c>, 3.37.0) accepts, so one setting
    /// works on Azure and locally. The SDK's own default (2026-10-06 in 12.30.1) is refused by Azurite; raise both together.</summary>
    public const BlobClientOptions.ServiceVersion ServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    private const int DeleteParallelism = 8;

    private readonly BlobContainerClient _container;
    private readonly int _pageSize;
    private readonly string _refusedHint;

    /// <summary>Creates a store from <paramref name="options"/>: Shared Key when <see cref="StorageOptions.ConnectionString"/> is set,
    /// otherwise Entra ID against <see cref="StorageOptions.BlobServiceUri"/> with <paramref name="credential"/>
    /// (default: <c>DefaultAzureCredential</c>, using <see cref="StorageOptions.ClientId"/> as the managed identity).</summary>
    /// <param name="transport">The SDK's HTTP transport; null for its shared default (tests pass one that trusts a loopback certificate).</param>
    public AzureBlobArtifactStore(
        StorageOptions options,
        TokenCredential? credential = null,
        HttpPipelineTransport? transport = null,
        TimeProvider? time = null,
        ILogger<AzureBlobArtifactStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new BlobClientOptions(ServiceVersion)
        {
            RetryPolicy = new BlobRetryPolicy(options, time ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance),
            Retry = { NetworkTimeout = options.AttemptTimeout },
        };
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        BlobServiceClient service;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            service = BlobConnectionString.TryCreateClient(options.ConnectionString, clientOptions, out BlobServiceClient? parsed, out string? error)
                ? parsed
                : throw new ArgumentException($"Storage:ConnectionString: {error}.", nameof(options));
            _refusedHint = $"check Storage:ConnectionString: AccountKey must be a current key (key1 or key2) of account '{service.AccountName}', "
                + "and the clock must be within 15 minutes of UTC";
        }
        else if (Uri.TryCreate(options.BlobServiceUri, UriKind.Absolute, out Uri? uri))
        {
            string? clientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId;
            credential ??= new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
            service = new BlobServiceClient(uri, credential, clientOptions);
            string identity = clientId is null ? "the identity DefaultAzureCredential signed in with" : $"the managed identity with client id '{clientId}'";
            _refusedHint = $"check that {identity} holds 'Storage Blob Data Contributor' (or Owner) on account '{service.AccountName}' "
                + "(role assignments take a few minutes to apply)";
        }
        else
        {
            throw new ArgumentException("Storage:ConnectionString or an absolute Storage:BlobServiceUri is required for the Azure Blob artifact store.", nameof(options));
        }

        _container = service.GetBlobContainerClient(options.Container);
        _pageSize = options.ListPageSize;
        BlobServiceUri = service.Uri;
    }

    /// <summary>The container holding the artifacts.</summary>
    public string Container => _container.Name;

    /// <summary>The storage account.</summary>
    public string AccountName => _container.AccountName;

    /// <summary>The blob service endpoint.</summary>
    public Uri BlobServiceUri { get; }

    /// <inheritdoc />
    public async Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        await UploadAsync(path, content, mediaType, conditions: null, cancellationToken);
        return new ArtifactRef(path, content.Length, mediaType);
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default) =>
        (await DownloadAsync(path, cancellationToken))?.Content.ToArray() ?? throw new FileNotFoundException($"Artifact '{path}' does not exist.", path);

    /// <inheritdoc />
    /// <remarks>Staged as blocks as <paramref name="write"/> goes (Put Block, 4 MiB at a time) and committed by one Put Block List when it
    /// returns (<see cref="BlockStagingStream"/>): readers see the old or the new blob, and nothing is committed if it throws.</remarks>
    public async Task<ArtifactRef> PutStreamAsync(string path, Func<Stream, CancellationToken, Task> write, string mediaType, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        try
        {
            try
            {
                return new ArtifactRef(path, await WriteBlocksAsync(path, write, mediaType, cancellationToken), mediaType);
            }
            catch (RequestFailedException ex) when (Is(ex, BlobErrorCode.ContainerNotFound))
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                return new ArtifactRef(path, await WriteBlocksAsync(path, write, mediaType, cancellationToken), mediaType);
            }
        }
        catch (RequestFailedException ex) when (Refused(ex) is { } refused)
        {
            throw refused;
        }
    }

    /// <inheritdoc />
    /// <remarks>One streamed Get Blob; the SDK resumes a broken download from where it stopped.</remarks>
    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        BlobDownloadStreamingResult? download = await ReadOrAbsent(() => _container.GetBlobClient(path).DownloadStreamingAsync(cancellationToken: cancellationToken));
        return download?.Content ?? throw new FileNotFoundException($"Artifact '{path}' does not exist.", path);
    }

    /// <inheritdoc />
    /// <remarks>The version is the blob's ETag.</remarks>
    public async Task<VersionedArtifact?> GetVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        await DownloadAsync(path, cancellationToken) is { } blob ? new VersionedArtifact(blob.Content.ToArray(), blob.Details.ETag.ToString()) : null;

    /// <inheritdoc />
    /// <remarks>A conditional upload (<see cref="BlobRequestConditions"/>): <c>IfMatch</c> the version, or <c>IfNoneMatch: *</c> to create.
    /// The service answers a lost race with 412 ConditionNotMet (or 409 BlobAlreadyExists when creating, 404 when the blob or its
    /// container was deleted), which return false. If a transient failure hides a write that did land, its retry sees the new ETag and
    /// also returns false: callers re-read and re-apply, so their change must be idempotent (the knowledge graph's is).</remarks>
    public async Task<bool> TryPutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        var conditions = expectedVersion is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(expectedVersion) };
        try
        {
            await UploadAsync(path, content, mediaType, conditions, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412 || Is(ex, BlobErrorCode.BlobAlreadyExists)
            || (ex.Status == 404 && (ex.ErrorCode is null || Is(ex, BlobErrorCode.BlobNotFound) || Is(ex, BlobErrorCode.ContainerNotFound))))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) =>
        await GetPropertiesAsync(path, cancellationToken) is not null;

    /// <summary>Path, size and media type (the blob's Content-Type) of an artifact, or null when absent (Get Blob Properties).</summary>
    public async Task<ArtifactRef?> GetPropertiesAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        BlobProperties? properties = await ReadOrAbsent(() => _container.GetBlobClient(path).GetPropertiesAsync(cancellationToken: cancellationToken));
        return properties is null ? null : new ArtifactRef(path, properties.ContentLength, properties.ContentType ?? "application/octet-stream");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        var names = new List<string>();
        try
        {
            var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix.Length > 0 ? prefix : null }, cancellationToken).AsPages(pageSizeHint: _pageSize);
            await foreach (Page<BlobItem> page in pages)
            {
                names.AddRange(page.Values.Select(b => b.Name));
            }
        }
        catch (RequestFailedException ex) when (Is(ex, BlobErrorCode.ContainerNotFound))
        {
            return [];
        }
        catch (RequestFailedException ex) when (Refused(ex) is { } refused)
        {
            throw refused;
        }

        // The service lists in its own (UTF-8 byte) order; the contract is ordinal UTF-16 order, which differs only beyond the BMP.
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <inheritdoc />
    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        if (prefix.Length == 0)
        {
            throw new ArgumentException("Refusing to delete every artifact: give a non-empty prefix such as 'runs/{runId}/'.", nameof(prefix));
        }

        IReadOnlyList<string> paths = await ListAsync(prefix, cancellationToken);
        int deleted = 0;
        await Parallel.ForEachAsync(
            paths,
            new ParallelOptions { MaxDegreeOfParallelism = DeleteParallelism, CancellationToken = cancellationToken },
            async (path, token) =>
            {
                try
                {
                    // False means a concurrent delete won the race; it is not counted twice.
                    if (await _container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: token))
                    {
                        Interlocked.Increment(ref deleted);
                    }
                }
                catch (RequestFailedException ex) when (Refused(ex) is { } refused)
                {
                    throw refused;
                }
            });
        return deleted;
    }

    private async Task UploadAsync(string path, ReadOnlyMemory<byte> content, string mediaType, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = mediaType }, Conditions = conditions };
        BlobClient blob = _container.GetBlobClient(path);
        try
        {
            try
            {
                await blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
            }
            catch (RequestFailedException ex) when (Is(ex, BlobErrorCode.ContainerNotFound) && conditions?.IfMatch is null)
            {
                // The first write to a new container, or someone deleted it: create it and write once more. A write that expects
                // a version does not: the container went, and the version with it.
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (Refused(ex) is { } refused)
        {
            throw refused;
        }
    }

    // Returns the number of bytes committed; nothing is committed when write throws.
    private async Task<long> WriteBlocksAsync(string path, Func<Stream, CancellationToken, Task> write, string mediaType, CancellationToken cancellationToken)
    {
        await using var blocks = new BlockStagingStream(_container.GetBlockBlobClient(path), cancellationToken);
        await write(blocks, cancellationToken);
        await blocks.CommitAsync(new BlobHttpHeaders { ContentType = mediaType }, cancellationToken);
        return blocks.BytesWritten;
    }

    private async Task<BlobDownloadResult?> DownloadAsync(string path, CancellationToken cancellationToken)
    {
        ArtifactPath.Validate(path);
        return await ReadOrAbsent(() => _container.GetBlobClient(path).DownloadContentAsync(cancellationToken));
    }

    // A read of one blob: its value, or null when the blob or container is absent. Another 404 (a wrong endpoint path) is an error.
    private async Task<T?> ReadOrAbsent<T>(Func<Task<Response<T>>> read)
        where T : class
    {
        try
        {
            return (await read()).Value;
        }
        catch (RequestFailedException ex) when (Is(ex, BlobErrorCode.BlobNotFound) || Is(ex, BlobErrorCode.ContainerNotFound))
        {
            return null;
        }
        catch (RequestFailedException ex) when (Refused(ex) is { } refused)
        {
            throw refused;
        }
    }

    // ErrorCode is a string (null on some HEAD failures); BlobErrorCode's implicit conversion would throw on null.
    private static bool Is(RequestFailedException ex, BlobErrorCode code) => ex.ErrorCode == code.ToString();

    // The service refused the credentials or their rights: the same exception type, with what to check in front of the SDK's details.
    private RequestFailedException? Refused(RequestFailedException ex) =>
        ex.Status == 401 || (ex.Status == 403 && ex.ErrorCode is null or "AuthenticationFailed" or "AuthorizationFailure" or "AuthorizationPermissionMismatch"
            or "InvalidAuthenticationInfo" or "AuthorizationSourceIPMismatch" or "AuthorizationProtocolMismatch")
            ? new RequestFailedException(ex.Status, $"Azure Blob storage account '{AccountName}' refused the credentials ({ex.Status} {ex.ErrorCode}): {_refusedHint}.\n{ex.Message}", ex.ErrorCode, ex)
            : null;
}
