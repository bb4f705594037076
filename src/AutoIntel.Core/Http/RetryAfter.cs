using System.Globalization;
using System.Net.Http.Headers;

namespace AutoIntel.Core.Http;

/// <summary>Reads the wait a server asked for in <c>Retry-After</c> (delta seconds or an HTTP date); every HTTP client here uses it.</summary>
public static class RetryAfter
{
    /// <summary>The response's <c>Retry-After</c> as a wait from <paramref name="now"/>, or null when absent.</summary>
    public static TimeSpan? Of(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Of(response.Headers.RetryAfter, now);
    }

    /// <summary>A parsed header as a wait from <paramref name="now"/>; a date in the past means "now".</summary>
    public static TimeSpan? Of(RetryConditionHeaderValue? value, DateTimeOffset now) => value switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>A raw header value (SDKs that expose headers as strings): delta seconds or an HTTP date; null when unreadable.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at > now ? at - now : TimeSpan.Zero
            : null;
    }
}
