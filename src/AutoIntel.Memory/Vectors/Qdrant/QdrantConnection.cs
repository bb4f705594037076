using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace AutoIntel.Memory.Vectors.Qdrant;

/// <summary>Qdrant.Client over one gRPC channel: the api-key header, retries of transient failures, and errors that say what to do.</summary>
/// <remarks>This is the one owner of short retries for Qdrant (Unavailable, ResourceExhausted with Qdrant's <c>retry-after</c>
/// honoured, per-attempt deadline); longer outages surface as <see cref="QdrantException"/> for the durable retry above.</remarks>
internal sealed class QdrantConnection : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly QdrantClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly QdrantOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public QdrantConnection(QdrantOptions options, ILogger logger, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _options = options;
        _logger = logger;
        _time = time;
        Address = new Uri(options.Url.TrimEnd('/') + "/", UriKind.Absolute);
        _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            // One long-lived channel per store: recycle connections so a DNS change (Qdrant Cloud, failover) is picked up.
            HttpHandler = handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), EnableMultipleHttp2Connections = true },
            DisposeHttpClient = true,
        });
        CallInvoker calls = string.IsNullOrEmpty(options.ApiKey)
            ? _channel.CreateCallInvoker()
            : _channel.Intercept(headers => { headers.Add("api-key", options.ApiKey); return headers; });
        // The timeout is the deadline of each attempt: QdrantClient sets it on every call it makes.
        _client = new QdrantClient(new QdrantGrpcClient(calls), options.Timeout);
        _pipeline = BuildPipeline();
    }

    /// <summary>The server's gRPC root, e.g. <c>http://localhost:6334/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Runs one Qdrant call with retries; a failure becomes a <see cref="QdrantException"/> carrying Qdrant's status and text.</summary>
    public async Task<T> CallAsync<T>(string operation, Func<QdrantClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async ct => await call(_client, ct), cancellationToken);
        }
        catch (RpcException e) when (!(e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested))
        {
            throw Failure(operation, e);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _channel.Dispose();
    }

    /// <summary>Qdrant's <c>retry-after</c> (whole seconds) on a ResourceExhausted answer, if it sent one.</summary>
    internal static TimeSpan? RetryAfter(RpcException e) =>
        e.StatusCode == StatusCode.ResourceExhausted && int.TryParse(e.Trailers.GetValue("retry-after"), out int seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private QdrantException Failure(string operation, RpcException e) => e.StatusCode switch
    {
        StatusCode.Unavailable => Unreachable(e),
        // Something answered, but not over HTTP/2: a REST port, or a proxy without HTTP/2.
        // A transport failure on our side (HTTP/1-only endpoint, connection reset mid-preface) carries the client's exception;
        // an Internal status that Qdrant itself sent does not.
        StatusCode.Internal when e.Status.DebugException is not null => Unreachable(e),
        StatusCode.DeadlineExceeded => new QdrantException(
            $"Qdrant at {Address} did not answer {operation} within {_options.Timeout.TotalSeconds:0.#} s (Memory:Qdrant:Timeout).", e),
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => new QdrantException(
            $"Qdrant at {Address} refused {operation} with {e.StatusCode} ({e.Status.Detail}): check Memory:Qdrant:ApiKey (Memory__Qdrant__ApiKey).", e),
        _ => new QdrantException($"Qdrant {operation} failed with {e.StatusCode}: {e.Status.Detail}", e),
    };

    private QdrantException Unreachable(RpcException e) => new(
        $"Cannot reach Qdrant at {Address} ({e.Status.Detail}). Memory:Qdrant:Url is Qdrant's gRPC endpoint (port 6334, not the REST port 6333). "
        + "Start Qdrant (docker run -p 6333:6333 -p 6334:6334 qdrant/qdrant) or unset Memory__Qdrant__Url to use the embedded vector store.", e);

    private ResiliencePipeline BuildPipeline()
    {
        if (_options.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is RpcException e && e.StatusCode switch
                {
                    StatusCode.Unavailable or StatusCode.Aborted => true,
                    // The per-attempt deadline; a cancelled caller gets Cancelled instead, which is not retried.
                    StatusCode.DeadlineExceeded => !args.Context.CancellationToken.IsCancellationRequested,
                    StatusCode.ResourceExhausted => !(RetryAfter(e) > _options.MaxRetryAfter),
                    _ => false,
                }),
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is RpcException e ? RetryAfter(e) : null),
                OnRetry = args =>
                {
                    _logger.LogWarning(
                        "Qdrant at {Url}: {Outcome}; retry {Attempt} in {DelayMs:0} ms",
                        Address,
                        args.Outcome.Exception is RpcException e ? e.StatusCode.ToString() : args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
