using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace AutoIntel.Discord.Rest;

/// <summary>Shared rate-limit state learned from Discord's <c>X-RateLimit-*</c> headers: per-route buckets and the global limit.</summary>
/// <remarks>A singleton: HttpClientFactory rotates handlers, so the state must outlive them.</remarks>
public sealed class DiscordRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private long _globalUntilTicks;

    /// <summary>How long to wait before sending on this route; reserves one request of the bucket's remaining budget.</summary>
    public TimeSpan Reserve(DiscordRoute route)
    {
        DateTimeOffset now = time.GetUtcNow();
        TimeSpan wait = TimeSpan.Zero;
        long global = Interlocked.Read(ref _globalUntilTicks);
        if (global > now.UtcTicks)
        {
            wait = TimeSpan.FromTicks(global - now.UtcTicks);
        }

        BucketState bucket = _buckets.GetOrAdd(BucketKey(route), _ => new BucketState());
        lock (bucket)
        {
            if (bucket.ResetAt <= now)
            {
                bucket.Remaining = null;
            }

            if (bucket.Remaining is 0)
            {
                TimeSpan untilReset = bucket.ResetAt - now;
                wait = untilReset > wait ? untilReset : wait;
            }
            else if (bucket.Remaining is int remaining)
            {
                bucket.Remaining = remaining - 1;
            }
        }

        return wait;
    }

    /// <summary>Learns bucket, remaining and reset from a response's headers.</summary>
    public void Update(DiscordRoute route, HttpResponseHeaders headers)
    {
        if (headers.TryGetValues("X-RateLimit-Bucket", out IEnumerable<string>? bucketIds))
        {
            _bucketOfRoute[route.Key] = bucketIds.First();
        }

        double? resetAfter = ReadDouble(headers, "X-RateLimit-Reset-After");
        double? remaining = ReadDouble(headers, "X-RateLimit-Remaining");
        if (resetAfter is null || remaining is null)
        {
            return;
        }

        BucketState bucket = _buckets.GetOrAdd(BucketKey(route), _ => new BucketState());
        lock (bucket)
        {
            bucket.Remaining = (int)remaining.Value;
            bucket.ResetAt = time.GetUtcNow() + TimeSpan.FromSeconds(resetAfter.Value);
        }
    }

    /// <summary>Records a 429: blocks the whole client (global) or the route's bucket for <paramref name="retryAfter"/>.</summary>
    public void OnRateLimited(DiscordRoute route, bool global, TimeSpan retryAfter)
    {
        DateTimeOffset until = time.GetUtcNow() + retryAfter;
        if (global)
        {
            long ticks = until.UtcTicks;
            long seen;
            do
            {
                seen = Interlocked.Read(ref _globalUntilTicks);
            }
            while (seen < ticks && Interlocked.CompareExchange(ref _globalUntilTicks, ticks, seen) != seen);
            return;
        }

        BucketState bucket = _buckets.GetOrAdd(BucketKey(route), _ => new BucketState());
        lock (bucket)
        {
            bucket.Remaining = 0;
            bucket.ResetAt = until > bucket.ResetAt ? until : bucket.ResetAt;
        }
    }

    internal static double? ReadDouble(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values)
        && double.TryParse(values.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;

    private string BucketKey(DiscordRoute route) =>
        (_bucketOfRoute.TryGetValue(route.Key, out string? bucket) ? bucket : route.Key) + "|" + route.Major;

    private sealed class BucketState
    {
        public int? Remaining { get; set; }

        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;
    }
}
