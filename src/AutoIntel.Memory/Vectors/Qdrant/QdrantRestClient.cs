using AutoIntel.Core.Http;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AutoIntel.Memory.Vectors.Qdrant;

/// <summary>Sends JSON requests to Qdrant's REST API: the api-key header, retries of transient failures, and errors that say what to do.</summary>
/// <remarks>This is the one owner of short retries for Qdrant (429, 5xx, timeouts, network errors; Retry-After honoured);
/// longer outages surface as <see cref="QdrantException"/> for the durable retry above.</remarks>
internal sealed class QdrantRestClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger _logger;

    public QdrantRestClient(QdrantOptions options, ILogger logger, HttpMessageHandler? handler = null)
    {
        BaseAddress = new Uri(options.Url.TrimEnd('/') + "/", UriKind.Absolute);
        _logger = logger;
        // One long-lived client per store: recycle pooled connections so a DNS change (Qdrant Cloud, failover) is picked up.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true);
        _http.BaseAddress = BaseAddress;
        _http.Timeout = options.Timeout;
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            _http.DefaultRequestHeaders.Add("api-key", options.ApiKey);
        }

        _pipeline = BuildPipeline(options);
    }

    /// <summary>The server's root, e.g. <c>http://localhost:6333/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Sends one request and returns the parsed body (envelope <c>{result, status, time}</c>), or null for a 404 when
    /// <paramref name="missingIsNull"/>; any other failure throws <see cref="QdrantException"/> with Qdrant's own error text.</summary>
    public async Task<JsonDocument?> SendAsync(HttpMethod method, string path, byte[]? body, bool missingIsNull, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async ct =>
                {
                    // A request message can be sent once only, so every attempt builds its own.
                    using var request = new HttpRequestMessage(method, path);
                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
                    }

                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                },
                cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new QdrantException(
                $"Cannot reach Qdrant at {BaseAddress} ({e.Message}). Start Qdrant (docker run -p 6333:6333 qdrant/qdrant) "
                + "or unset Memory__Qdrant__Url to use the embedded vector store.", statusCode: null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new QdrantException($"Qdrant at {BaseAddress} did not answer {method} {path} within {_http.Timeout.TotalSeconds:0.#} s.", statusCode: null, e);
        }

        using (response)
        {
            _logger.LogTrace("Qdrant {Method} {Path}: {Status} in {Ms:0} ms", method, path, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            byte[] bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return bytes.Length == 0 ? JsonDocument.Parse("{}") : JsonDocument.Parse(bytes);
            }

            if (response.StatusCode == HttpStatusCode.NotFound && missingIsNull)
            {
                return null;
            }

            throw Failure(method, path, response.StatusCode, ErrorText(bytes));
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Qdrant's error text from <c>{"status": {"error": "…"}}</c>, else the start of the body.</summary>
    internal static string ErrorText(byte[] body)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("status", out JsonElement status) && status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("error", out JsonElement error))
            {
                return error.ToString();
            }
        }
        catch (JsonException)
        {
            // Proxies in front of Qdrant answer with HTML or plain text; show the start of it.
        }

        string text = System.Text.Encoding.UTF8.GetString(body).Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    private QdrantException Failure(HttpMethod method, string path, HttpStatusCode status, string error) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new QdrantException(
            $"Qdrant at {BaseAddress} refused {method} {path} with HTTP {(int)status} ({error}): check Memory:Qdrant:ApiKey (Memory__Qdrant__ApiKey).",
            status),
        _ => new QdrantException($"Qdrant {method} {path} failed with HTTP {(int)status}: {error}", status),
    };

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(QdrantOptions options)
    {
        if (options.MaxRetries <= 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    // HttpClient's timeout surfaces as a cancellation the caller did not ask for.
                    { Exception: TaskCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
                    { Result: { } r } => IsTransient(r.StatusCode) && !(RetryAfter.Of(r, DateTimeOffset.UtcNow) > options.MaxRetryAfter),
                    _ => false,
                }),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? RetryAfter.Of(r, DateTimeOffset.UtcNow) : null),
                OnRetry = args =>
                {
                    _logger.LogWarning(
                        "Qdrant at {Url}: {Outcome}; retry {Attempt} in {DelayMs:0} ms",
                        BaseAddress,
                        args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError;

}
