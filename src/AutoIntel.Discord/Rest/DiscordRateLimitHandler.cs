using System.Net;
using System.Text.Json;
using AutoIntel.Core.Http;
using AutoIntel.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Discord.Rest;

/// <summary>Waits out Discord's rate limits (429 <c>retry_after</c>, buckets, global) before and after each attempt.</summary>
/// <remarks>
/// This handler owns short waits only. A wait longer than <see cref="MaxWait"/> or too many 429s surfaces as the
/// response, so the durable activity retry, which owns long outages, decides what happens next. 5xx answers are
/// retried by the resilience handler outside this one (<see cref="DiscordServerErrorRetry"/>).
/// </remarks>
public sealed class DiscordRateLimitHandler(DiscordRateLimiter limiter, TimeProvider time, ILogger<DiscordRateLimitHandler> log) : DelegatingHandler
{
    /// <summary>The longest single wait this handler accepts.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>How many 429 answers one request may get before the 429 is returned.</summary>
    public const int MaxRateLimitRetries = 5;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        DiscordRoute route = DiscordRoute.From(request.Method, request.RequestUri!);
        int rateLimited = 0;
        while (true)
        {
            // Asked again after every wait: while this request waited for its bucket, another may have hit the global limit.
            for (TimeSpan wait = limiter.Reserve(route); wait > TimeSpan.Zero; wait = limiter.Reserve(route))
            {
                log.LogDebug("Waiting {WaitMs} ms for the rate limit of {Route}", wait.TotalMilliseconds, route.SafePath);
                await Task.Delay(wait, time, cancellationToken);
            }

            // Request contents are byte arrays, so re-sending the same message is safe.
            DateTimeOffset sentAt = time.GetUtcNow();
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            limiter.Update(route, response.Headers, sentAt);

            if (response.StatusCode == HttpStatusCode.TooManyRequests && rateLimited < MaxRateLimitRetries)
            {
                (TimeSpan retryAfter, bool global) = await ReadRateLimitAsync(response, time.GetUtcNow(), cancellationToken);
                if (retryAfter > MaxWait)
                {
                    return response;
                }

                rateLimited++;
                RunMetrics.DeliveryRetries.Add(1, new KeyValuePair<string, object?>("reason", "rate_limited"));
                log.LogWarning("Discord rate limit on {Route} (global: {Global}); retrying after {RetryAfterMs} ms", route.SafePath, global, retryAfter.TotalMilliseconds);
                limiter.OnRateLimited(route, global, retryAfter);
                response.Dispose();
                continue;
            }

            return response;
        }
    }

    private static async Task<(TimeSpan RetryAfter, bool Global)> ReadRateLimitAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool global = response.Headers.TryGetValues("X-RateLimit-Global", out IEnumerable<string>? g) && string.Equals(g.First(), "true", StringComparison.OrdinalIgnoreCase)
            || response.Headers.TryGetValues("X-RateLimit-Scope", out IEnumerable<string>? s) && s.First() == "global";
        double? seconds = null;
        try
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("retry_after", out JsonElement retry) && retry.TryGetDouble(out double value))
            {
                seconds = value;
            }

            if (doc.RootElement.TryGetProperty("global", out JsonElement isGlobal) && isGlobal.ValueKind == JsonValueKind.True)
            {
                global = true;
            }
        }
        catch (JsonException)
        {
            // Cloudflare answers some 429s with HTML; the headers still say how long to wait.
        }

        seconds ??= RetryAfter.Of(response, now)?.TotalSeconds
            ?? DiscordRateLimiter.ReadDouble(response.Headers, "X-RateLimit-Reset-After")
            ?? 1;
        return (TimeSpan.FromSeconds(Math.Max(0, seconds.Value)), global);
    }
}
