using AutoIntel.Core.Http;
using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AutoIntel.Storage.AzureBlob;

/// <summary>Sends Blob service REST requests: versioned, dated, authorized, and retried with jittered backoff that honours Retry-After.</summary>
/// <remarks>Each attempt builds and signs a fresh request (the signature covers x-ms-date). Only short transient failures are retried
/// here; longer outages are left to the durable retry of the activity that called the store.</remarks>
internal sealed class BlobRestClient : IDisposable
{
    /// <summary>The REST API version sent as x-ms-version (bearer tokens need 2017-11-09 or later; Azurite 3.37 accepts it).</summary>
    public const string ApiVersion = "2025-01-05";

    private static readonly HashSet<HttpStatusCode> TransientStatuses =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private readonly HttpClient _http;
    private readonly IBlobAuthorizer _authorizer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _maxRetryAfter;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public BlobRestClient(HttpClient http, Uri serviceUri, IBlobAuthorizer authorizer, StorageOptions options, TimeProvider time, ILogger logger)
    {
        _http = http;
        ServiceUri = BlobConnectionString.WithTrailingSlash(serviceUri);
        _authorizer = authorizer;
        _time = time;
        _logger = logger;
        _maxRetryAfter = options.MaxRetryAfter;
        _pipeline = BuildPipeline(options);
    }

    /// <summary>The blob service root, ending in '/'.</summary>
    public Uri ServiceUri { get; }

    /// <summary>The storage account, for messages.</summary>
    public string AccountName => _authorizer.AccountName;

    /// <summary>The URI of a container, or of a blob in it, with an optional query (names are escaped here, values by the caller).</summary>
    public Uri UriFor(string container, string? blobName = null, string? query = null)
    {
        string path = blobName is null ? container : container + "/" + string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
        return new Uri(ServiceUri, query is null ? path : path + "?" + query);
    }

    /// <summary>Sends one logical request (retrying transient failures) and returns the final response, which the caller disposes.</summary>
    /// <exception cref="BlobStorageException">The service could not be reached (network error or timeout on every attempt).</exception>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    using HttpRequestMessage request = state.build();
                    request.Headers.TryAddWithoutValidation("x-ms-version", ApiVersion);
                    request.Headers.TryAddWithoutValidation("x-ms-date", state.self._time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
                    request.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString());
                    await state.self._authorizer.AuthorizeAsync(request, token);
                    return await state.self._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                (self: this, build),
                cancellationToken);
        }
        catch (Exception ex) when (IsTransientException(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new BlobStorageException($"Azure Blob service at {ServiceUri} (account '{AccountName}') could not be reached: {ex.Message}", ex);
        }
    }

    /// <summary>Releases the authorizer (the HttpClient belongs to whoever passed it in).</summary>
    public void Dispose() => _authorizer.Dispose();

    /// <summary>An exception for an error response: status, service error code and message, the request id, and for refused
    /// credentials what to check.</summary>
    public async Task<BlobStorageException> ErrorAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        string accountName = AccountName;
        string? code = ErrorCode(response);
        string? serviceMessage = null;
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (body.Length > 0)
        {
            try
            {
                XElement? error = XDocument.Parse(body).Root;
                code ??= error?.Element("Code")?.Value;
                serviceMessage = error?.Element("Message")?.Value.Split('\n')[0].Trim();
            }
            catch (System.Xml.XmlException)
            {
                // Not the documented <Error> body (a proxy's HTML page, say); the status and code still say enough.
            }
        }

        string requestId = response.Headers.TryGetValues("x-ms-request-id", out var ids) ? $", request id {ids.First()}" : string.Empty;
        string message = $"Azure Blob {operation} failed: HTTP {(int)response.StatusCode} {code ?? response.ReasonPhrase}"
            + (string.IsNullOrEmpty(serviceMessage) ? string.Empty : $" ({serviceMessage})")
            + $" from account '{accountName}'{requestId}.";
        var exception = new BlobStorageException(message, response.StatusCode, code, accountName);
        return exception.IsAuthenticationFailure
            ? new BlobStorageException($"{message} The storage account refused the credentials: {_authorizer.RefusedHint}.", response.StatusCode, code, accountName)
            : exception;
    }

    /// <summary>The service's error code from the <c>x-ms-error-code</c> header (HEAD responses have no body to carry it).</summary>
    public static string? ErrorCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ms-error-code", out var values) ? values.FirstOrDefault() : null;

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(StorageOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter.Of(response, _time.GetUtcNow()) : null),
                OnRetry = args =>
                {
                    _logger.LogWarning(
                        "Azure Blob request to account {Account} failed ({Failure}); retry {Attempt} in {Delay} ms",
                        AccountName,
                        args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode} {ErrorCode(r)}" : args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        // Inside the retry, so a hung attempt is abandoned and retried rather than ending the call.
        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return IsTransientException(exception);
        }

        HttpResponseMessage response = outcome.Result!;
        // A Retry-After longer than we wait means a long outage: fail now and let the durable retry take over.
        return TransientStatuses.Contains(response.StatusCode) && !(RetryAfter.Of(response, _time.GetUtcNow()) > _maxRetryAfter);
    }

    private static bool IsTransientException(Exception exception) => exception is HttpRequestException or IOException or TimeoutRejectedException
        or TaskCanceledException { InnerException: TimeoutException };

}
