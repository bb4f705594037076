using System.Net;
using AutoIntel.Core.Http;
using AutoIntel.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AutoIntel.Discord.Rest;

/// <summary>The Discord client's resilience pipeline: 500/502/503/504 retried with jittered exponential backoff, <c>Retry-After</c> honoured.</summary>
/// <remarks>
/// Short waits only: a <c>Retry-After</c> beyond <see cref="DiscordRateLimitHandler.MaxWait"/> or the last attempt's error surfaces, so the
/// durable activity retry, which owns long outages, decides. 429s are not retried here: <see cref="DiscordRateLimitHandler"/>, inside this
/// pipeline, waits them out from Discord's bucket and global limits. Network errors are not retried either: a POST that may have
/// reached Discord must not post a message twice.
/// </remarks>
public static class DiscordServerErrorRetry
{
    /// <summary>How many 5xx answers one request may get before the error is returned.</summary>
    public const int MaxRetries = 3;

    /// <summary>Adds the retry to the pipeline of the Discord client, on the host's <see cref="TimeProvider"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(context);
        TimeProvider time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        builder.TimeProvider = time;
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Result is { } response && IsTransient(response.StatusCode)
                && !(RetryAfter.Of(response, time.GetUtcNow()) > DiscordRateLimitHandler.MaxWait)),
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(8),

            // Read on our clock: the built-in Retry-After reader takes an HTTP date relative to the system clock.
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter.Of(response, time.GetUtcNow()) : null),
            OnRetry = _ =>
            {
                RunMetrics.DeliveryRetries.Add(1, new KeyValuePair<string, object?>("reason", "server_error"));
                return ValueTask.CompletedTask;
            },
        });
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
