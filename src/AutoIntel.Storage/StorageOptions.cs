namespace AutoIntel.Storage;

/// <summary>Where artifacts live (configuration section "Storage"): local files (default) or Azure Blob Storage.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Storage";

    /// <summary>The <see cref="Kind"/> that stores artifacts as local files.</summary>
    public const string FilesKind = "files";

    /// <summary>The <see cref="Kind"/> that stores artifacts as block blobs.</summary>
    public const string AzureBlobKind = "azureblob";

    /// <summary><c>files</c> (default) or <c>azureblob</c>.</summary>
    public string Kind { get; set; } = FilesKind;

    /// <summary>Shared Key connection string (<c>AccountName=…;AccountKey=…</c> or <c>UseDevelopmentStorage=true</c>); excludes <see cref="BlobServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob service endpoint (e.g. <c>https://acct.blob.core.windows.net/</c>) signed in with Entra ID; excludes <see cref="ConnectionString"/>.</summary>
    public string? BlobServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity for Entra ID sign-in; empty uses <c>DefaultAzureCredential</c>'s own choice.</summary>
    public string? ClientId { get; set; }

    /// <summary>The blob container holding the artifacts; created on first write.</summary>
    public string Container { get; set; } = "autointel";

    /// <summary>Blobs per listing page (<c>maxresults</c>, 1 to 5000).</summary>
    public int ListPageSize { get; set; } = 5000;

    /// <summary>Retries after the first attempt (the Azure SDK's retry policy: 408, 429, 500, 502, 503, 504 and network errors).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay (exponential with jitter afterwards) when the service gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Longest backoff delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A Retry-After longer than this is not waited for: the call fails and the durable retry takes over.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Azure SDK's network timeout: the limit on each network operation of an attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
