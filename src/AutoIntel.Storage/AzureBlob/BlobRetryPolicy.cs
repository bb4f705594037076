using AutoIntel.Core.Http;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Storage.AzureBlob;

/// <summary>The SDK's own retry policy (exponential backoff with jitter, Retry-After honoured), set from <see cref="StorageOptions"/>,
/// except that a Retry-After longer than <see cref="StorageOptions.MaxRetryAfter"/> is not waited for.</summary>
/// <remarks>A long Retry-After means an outage: the call fails at once and the activity's durable retry takes over (one owner per retry).
/// Azure.Core waits on the system clock (its RetryPolicy takes no TimeProvider); the delay it is about to wait is logged.</remarks>
internal sealed class BlobRetryPolicy(StorageOptions options, TimeProvider time, ILogger logger)
    : RetryPolicy(options.MaxRetries, new LoggedDelay(options, logger))
{
    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        Decide(message, exception, base.ShouldRetry(message, exception));

    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        Decide(message, exception, await base.ShouldRetryAsync(message, exception));

    private bool Decide(HttpMessage message, Exception? exception, bool retriable)
    {
        if (!retriable)
        {
            return false;
        }

        if (exception is null && message.HasResponse && message.Response.Headers.TryGetValue("Retry-After", out string? header)
            && RetryAfter.Parse(header, time.GetUtcNow()) > options.MaxRetryAfter)
        {
            return false;
        }

        logger.LogWarning(
            "Azure Blob request {Method} {Path} failed ({Failure}); retry {Attempt} of {MaxRetries}",
            message.Request.Method,
            message.Request.Uri.Path,
            exception?.GetType().Name ?? $"HTTP {message.Response.Status}",
            message.ProcessingContext.RetryNumber + 1,
            options.MaxRetries);
        return true;
    }

    /// <summary>The SDK's exponential delay (jittered, at least the server's Retry-After), logged before the SDK waits it out.</summary>
    private sealed class LoggedDelay(StorageOptions options, ILogger logger) : DelayStrategy(options.RetryMaxDelay)
    {
        private readonly DelayStrategy _exponential = CreateExponentialDelayStrategy(options.RetryBaseDelay, options.RetryMaxDelay);

        protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber)
        {
            // Already the final delay: the inner strategy takes the larger of the server's Retry-After and the capped backoff, as the outer one does.
            TimeSpan delay = _exponential.GetNextDelay(response, retryNumber);
            logger.LogInformation("Azure Blob retry {Attempt} in {DelayMs:0} ms", retryNumber, delay.TotalMilliseconds);
            return delay;
        }
    }
}
