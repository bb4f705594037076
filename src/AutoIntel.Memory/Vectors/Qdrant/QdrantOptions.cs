namespace AutoIntel.Memory.Vectors.Qdrant;

/// <summary>Connection settings of <see cref="QdrantVectorStore"/>, bound from <c>Memory:Qdrant</c>.</summary>
/// <remarks>Setting <see cref="Url"/> switches memory from the embedded vector store to Qdrant.</remarks>
public sealed class QdrantOptions
{
    /// <summary>Qdrant's gRPC endpoint, e.g. <c>http://localhost:6334</c> (https for TLS); empty keeps the embedded store.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Sent as the <c>api-key</c> metadata header when set (Qdrant Cloud, or a server started with <c>QDRANT__SERVICE__API_KEY</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Prepended to every collection name, so several deployments can share one Qdrant.</summary>
    public string CollectionPrefix { get; set; } = "autointel-";

    /// <summary>Deadline of one gRPC attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a call after Unavailable (network error, restart), ResourceExhausted (rate limit), Aborted or a deadline (0 turns retries off).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; later ones double, with jitter, up to 10 seconds, unless Qdrant's <c>retry-after</c> says otherwise.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A <c>retry-after</c> longer than this is not waited for: the request fails at once and the durable retry takes over.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether <see cref="Url"/> is set, i.e. Qdrant replaces the embedded store.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);
}
