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
    private long _globalUntilTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>How long to wait before sending on this route; when nothing holds it back, reserves one request of the bucket's remaining budget.</summary>
    /// <remarks>Call it again after waiting: a 429 elsewhere (the global limit above all) may have set a longer block meanwhile.</remarks>
    public TimeSpan Reserve(DiscordRoute route)
    {
        DateTimeOffset now = time.GetUtcNow();
        TimeSpan wait = Later(TimeSpan.Zero, new DateTimeOffset(Interlocked.Read(ref _globalUntilTicks), TimeSpan.Zero) - now);
        BucketState bucket = _buckets.GetOrAdd(BucketKey(route), _ => new BucketState());
        lock (bucket)
        {
            wait = Later(wait, bucket.BlockedUntil - now);
            if (bucket.ResetAt <= now)
            {
                bucket.Remaining = null;
            }

            if (bucket.Remaining is 0)
            {
                wait = Later(wait, bucket.ResetAt - now);
            }
            else if (wait == TimeSpan.Zero && bucket.Remaining is int remaining)
            {
                bucket.Remaining = remaining - 1;
            }
        }

        return wait;
    }

    /// <summary>Learns bucket, remaining and reset from the headers of a response to a request sent at <paramref name="sentAt"/>.</summary>
    /// <remarks>
    /// Headers of a request sent before the newest one already learned from describe an older state of the bucket and are ignored,
    /// and headers never lift a block set by a 429 (<see cref="OnRateLimited"/>).
    /// </remarks>
    public void Update(DiscordRoute route, HttpResponseHeaders headers, DateTimeOffset sentAt)
    {
        if (headers.TryGetValues("X-RateLimit-Bucket", out IEnumerable<string>? bucketIds))
        {
            LearnBucket(route, bucketIds.First());
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
            if (sentAt < bucket.LearnedFromRequestAt)
            {
                return;
            }

            bucket.LearnedFromRequestAt = sentAt;
            bucket.Remaining = (int)remaining.Value;
            bucket.ResetAt = time.GetUtcNow() + TimeSpan.FromSeconds(resetAfter.Value);
        }
    }

    /// <summary>Records a 429: blocks the whole client (global) or the route's bucket for <paramref name="retryAfter"/>; a longer block already set stays.</summary>
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
            bucket.BlockedUntil = until > bucket.BlockedUntil ? until : bucket.BlockedUntil;
        }
    }

    // A route's state moves with it when its bucket id becomes known, so a 429 block recorded before is kept.
    private void LearnBucket(DiscordRoute route, string bucketId)
    {
        string before = BucketKey(route);
        _bucketOfRoute[route.Key] = bucketId;
        string after = BucketKey(route);
        if (before == after || !_buckets.TryGetValue(before, out BucketState? earlier))
        {
            return;
        }

        BucketState state = _buckets.GetOrAdd(after, earlier);
        if (!ReferenceEquals(state, earlier))
        {
            DateTimeOffset blockedUntil;
            lock (earlier)
            {
                blockedUntil = earlier.BlockedUntil;
            }

            lock (state)
            {
                state.BlockedUntil = blockedUntil > state.BlockedUntil ? blockedUntil : state.BlockedUntil;
            }
        }
    }

    internal static double? ReadDouble(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values)
        && double.TryParse(values.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;

    private string BucketKey(DiscordRoute route) =>
        (_bucketOfRoute.TryGetValue(route.Key, out string? bucket) ? bucket : route.Key) + "|" + route.Major;

    private static TimeSpan Later(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class BucketState
    {
        // From headers: the budget left in the current window and when the window resets.
        public int? Remaining { get; set; }

        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;

        // When the request whose headers set Remaining/ResetAt was sent.
        public DateTimeOffset LearnedFromRequestAt { get; set; } = DateTimeOffset.MinValue;

        // From 429s only; headers never shorten it.
        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
