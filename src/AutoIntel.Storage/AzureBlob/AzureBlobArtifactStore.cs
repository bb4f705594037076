using System.Net;
using System.Xml.Linq;
using Azure.Core;
using Azure.Identity;
using AutoIntel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Storage.AzureBlob;

/// <summary>Stores artifacts as block blobs in one container, over the Azure Blob REST API (Shared Key or Entra ID).</summary>
/// <remarks>
/// Each artifact is one Put Blob, which the service commits atomically: readers see the old or the new blob, never a mix.
/// The container is created on the first write. Listing pages through List Blobs markers and returns names in ordinal order.
/// </remarks>
public sealed class AzureBlobArtifactStore : IArtifactStore, IDisposable
{
    private const int DeleteParallelism = 8;

    private readonly BlobRestClient _client;
    private readonly int _pageSize;
    private readonly SemaphoreSlim _containerLock = new(1, 1);
    private volatile bool _containerReady;

    /// <summary>Creates a store from <paramref name="options"/>: Shared Key when <see cref="StorageOptions.ConnectionString"/> is set,
    /// otherwise Entra ID against <see cref="StorageOptions.BlobServiceUri"/> with <paramref name="credential"/>
    /// (default: <c>DefaultAzureCredential</c>, using <see cref="StorageOptions.ClientId"/> as the managed identity).</summary>
    public AzureBlobArtifactStore(
        HttpClient http,
        StorageOptions options,
        TokenCredential? credential = null,
        TimeProvider? time = null,
        ILogger<AzureBlobArtifactStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        Container = options.Container;
        _pageSize = options.ListPageSize;

        Uri serviceUri;
        IBlobAuthorizer authorizer;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            BlobConnectionString connection = BlobConnectionString.Parse(options.ConnectionString);
            serviceUri = connection.BlobEndpoint;
            authorizer = new SharedKeyAuthorizer(connection.AccountName, connection.AccountKey);
        }
        else if (Uri.TryCreate(options.BlobServiceUri, UriKind.Absolute, out Uri? uri))
        {
            serviceUri = uri;
            string identity = string.IsNullOrWhiteSpace(options.ClientId)
                ? "the identity DefaultAzureCredential signed in with"
                : $"the managed identity with client id '{options.ClientId}'";
            credential ??= new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = NullIfEmpty(options.ClientId) });
            authorizer = new BearerTokenAuthorizer(AccountNameOf(uri), credential, time, identity);
        }
        else
        {
            throw new ArgumentException("Storage:ConnectionString or an absolute Storage:BlobServiceUri is required for the Azure Blob artifact store.", nameof(options));
        }

        _client = new BlobRestClient(http, serviceUri, authorizer, options, time, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>The container holding the artifacts.</summary>
    public string Container { get; }

    /// <summary>The storage account.</summary>
    public string AccountName => _client.AccountName;

    /// <summary>The blob service root, ending in '/'.</summary>
    public Uri BlobServiceUri => _client.ServiceUri;

    /// <inheritdoc />
    public async Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        await EnsureContainerAsync(cancellationToken);

        HttpResponseMessage response = await PutBlobAsync(path, content, mediaType, condition: null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && BlobRestClient.ErrorCode(response) == "ContainerNotFound")
        {
            // Someone deleted the container since we created it: create it again, once.
            response.Dispose();
            _containerReady = false;
            await EnsureContainerAsync(cancellationToken);
            response = await PutBlobAsync(path, content, mediaType, condition: null, cancellationToken);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await _client.ErrorAsync(response, $"Put Blob '{Container}/{path}'", cancellationToken);
            }
        }

        return new ArtifactRef(path, content.Length, mediaType);
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default) =>
        (await GetBlobAsync(path, cancellationToken))?.Content ?? throw new FileNotFoundException($"Artifact '{path}' does not exist.", path);

    /// <inheritdoc />
    /// <remarks>The version is the blob's ETag from Get Blob.</remarks>
    public async Task<VersionedArtifact?> GetVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        await GetBlobAsync(path, cancellationToken) is { } blob
            ? new VersionedArtifact(blob.Content, blob.ETag ?? throw new InvalidDataException($"Get Blob '{Container}/{path}' returned no ETag."))
            : null;

    /// <inheritdoc />
    /// <remarks>A conditional Put Blob: <c>If-Match: {etag}</c>, or <c>If-None-Match: *</c> to create. The service answers a lost race
    /// with 412 ConditionNotMet (or 409 BlobAlreadyExists when creating, 404 when the blob was deleted), which return false.
    /// If a transient failure hides a write that did land, its retry sees the new ETag and also returns false: callers re-read and
    /// re-apply, so their change must be idempotent (the knowledge graph's is).</remarks>
    public async Task<bool> TryPutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        await EnsureContainerAsync(cancellationToken);

        (string header, string value) condition = expectedVersion is null ? ("If-None-Match", "*") : ("If-Match", expectedVersion);
        HttpResponseMessage response = await PutBlobAsync(path, content, mediaType, condition, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && BlobRestClient.ErrorCode(response) == "ContainerNotFound")
        {
            response.Dispose();
            if (expectedVersion is not null)
            {
                // The container went, and the version with it.
                return false;
            }

            _containerReady = false;
            await EnsureContainerAsync(cancellationToken);
            response = await PutBlobAsync(path, content, mediaType, condition, cancellationToken);
        }

        using (response)
        {
            if (IsConditionFailure(response))
            {
                return false;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await _client.ErrorAsync(response, $"conditional Put Blob '{Container}/{path}' ({condition.header}: {condition.value})", cancellationToken);
            }
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) =>
        await GetPropertiesAsync(path, cancellationToken) is not null;

    /// <summary>Path, size and media type (the blob's Content-Type) of an artifact, or null when absent (Get Blob Properties).</summary>
    public async Task<ArtifactRef?> GetPropertiesAsync(string path, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage? response = await ReadBlobAsync(HttpMethod.Head, path, "Get Blob Properties", cancellationToken);
        if (response is null)
        {
            return null;
        }

        string mediaType = response.Content.Headers.TryGetValues("Content-Type", out var types) ? string.Join(',', types) : "application/octet-stream";
        return new ArtifactRef(path, response.Content.Headers.ContentLength ?? 0, mediaType);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        var names = new List<string>();
        string? marker = null;
        do
        {
            string query = "restype=container&comp=list"
                + (prefix.Length > 0 ? "&prefix=" + Uri.EscapeDataString(prefix) : string.Empty)
                + $"&maxresults={_pageSize}"
                + (marker is null ? string.Empty : "&marker=" + Uri.EscapeDataString(marker));
            using HttpResponseMessage response = await _client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, _client.UriFor(Container, query: query)), cancellationToken);
            if (IsAbsent(response))
            {
                return [];
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await _client.ErrorAsync(response, $"List Blobs '{Container}' prefix '{prefix}'", cancellationToken);
            }

            await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
            XElement results = (await XDocument.LoadAsync(body, LoadOptions.None, cancellationToken)).Root
                ?? throw new InvalidDataException("List Blobs returned an empty document.");
            names.AddRange(results.Element("Blobs")?.Elements("Blob").Select(b => (string?)b.Element("Name")).OfType<string>() ?? []);
            marker = (string?)results.Element("NextMarker") is { Length: > 0 } next ? next : null;
        }
        while (marker is not null);

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
                using HttpResponseMessage response = await _client.SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, _client.UriFor(Container, path)), token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref deleted);
                }
                else if (!IsAbsent(response))
                {
                    // Absent means a concurrent delete won the race; it is not counted twice.
                    throw await _client.ErrorAsync(response, $"Delete Blob '{Container}/{path}'", token);
                }
            });
        return deleted;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _containerLock.Dispose();
        _client.Dispose();
    }

    private Task<HttpResponseMessage> PutBlobAsync(
        string path, ReadOnlyMemory<byte> content, string mediaType, (string Header, string Value)? condition, CancellationToken cancellationToken) =>
        _client.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, _client.UriFor(Container, path)) { Content = new ReadOnlyMemoryContent(content) };
                request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
                if (condition is { } c)
                {
                    // Signed by SharedKeyAuthorizer as the If-Match / If-None-Match lines of the string-to-sign.
                    request.Headers.TryAddWithoutValidation(c.Header, c.Value);
                }

                request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
                return request;
            },
            cancellationToken);

    // Get Blob: the bytes and ETag, or null when absent.
    private async Task<(byte[] Content, string? ETag)?> GetBlobAsync(string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage? response = await ReadBlobAsync(HttpMethod.Get, path, "Get Blob", cancellationToken);
        return response is null ? null : (await response.Content.ReadAsByteArrayAsync(cancellationToken), ETagOf(response));
    }

    // A GET or HEAD of one blob: the successful response (the caller disposes it), null when absent, or the service's error.
    private async Task<HttpResponseMessage?> ReadBlobAsync(HttpMethod method, string path, string operation, CancellationToken cancellationToken)
    {
        ArtifactPath.Validate(path);
        HttpResponseMessage response = await _client.SendAsync(() => new HttpRequestMessage(method, _client.UriFor(Container, path)), cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            return IsAbsent(response) ? null : throw await _client.ErrorAsync(response, $"{operation} '{Container}/{path}'", cancellationToken);
        }
    }

    private static bool IsConditionFailure(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.PreconditionFailed => true,
        HttpStatusCode.Conflict => BlobRestClient.ErrorCode(response) == "BlobAlreadyExists",
        HttpStatusCode.NotFound => BlobRestClient.ErrorCode(response) is null or "BlobNotFound",
        _ => false,
    };

    private static string? ETagOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        await _containerLock.WaitAsync(cancellationToken);
        try
        {
            if (_containerReady)
            {
                return;
            }

            using HttpResponseMessage response = await _client.SendAsync(() => new HttpRequestMessage(HttpMethod.Put, _client.UriFor(Container, query: "restype=container")), cancellationToken);
            bool exists = response.StatusCode == HttpStatusCode.Conflict && BlobRestClient.ErrorCode(response) == "ContainerAlreadyExists";
            if (!response.IsSuccessStatusCode && !exists)
            {
                throw await _client.ErrorAsync(response, $"Create Container '{Container}'", cancellationToken);
            }

            _containerReady = true;
        }
        finally
        {
            _containerLock.Release();
        }
    }

    // BlobNotFound or ContainerNotFound (HEAD responses carry the code only in x-ms-error-code); another 404 (a wrong endpoint path) is an error.
    private static bool IsAbsent(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound && BlobRestClient.ErrorCode(response) is null or "BlobNotFound" or "ContainerNotFound";

    /// <summary>The account of a blob endpoint: the first host label (<c>acct.blob.core.windows.net</c>), or the first path segment of a path-style endpoint (Azurite, IP addresses).</summary>
    internal static string AccountNameOf(Uri serviceUri)
    {
        string firstSegment = serviceUri.AbsolutePath.Trim('/').Split('/')[0];
        bool pathStyle = serviceUri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || serviceUri.IsLoopback;
        return pathStyle && firstSegment.Length > 0 ? firstSegment : serviceUri.Host.Split('.')[0];
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
