namespace AutoIntel.Discord.Rest;

/// <summary>How the rate limiter sees a request: its route (ids generalised), its top-level resource, and a log-safe path.</summary>
/// <param name="Key">Method and path with minor ids and tokens generalised; requests with the same key share a bucket.</param>
/// <param name="Major">The top-level resource (channel, guild, webhook id + token); limits are per bucket and major resource.</param>
/// <param name="SafePath">The path with tokens masked, for logs and exceptions.</param>
public sealed record DiscordRoute(string Key, string Major, string SafePath)
{
    private static readonly string[] TopLevel = ["channels", "guilds", "webhooks", "applications", "interactions"];

    /// <summary>Classifies a request URI.</summary>
    public static DiscordRoute From(HttpMethod method, Uri uri)
    {
        string[] segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int start = Array.FindIndex(segments, s => TopLevel.Contains(s, StringComparer.Ordinal));
        if (start < 0)
        {
            return new DiscordRoute($"{method.Method} {uri.AbsolutePath}", string.Empty, uri.AbsolutePath);
        }

        string[] tail = segments[start..];
        bool hasToken = tail[0] is "webhooks" or "interactions" && tail.Length > 2;
        string major = tail.Length > 1 ? $"{tail[0]}/{tail[1]}" : tail[0];
        if (hasToken)
        {
            major += "/" + tail[2];
        }

        var key = new string[tail.Length];
        var safe = new string[tail.Length];
        for (int i = 0; i < tail.Length; i++)
        {
            bool isToken = hasToken && i == 2;
            bool isMinorId = i > 1 && !isToken && tail[i].All(char.IsAsciiDigit);
            key[i] = i == 1 ? ":major" : isToken ? ":token" : isMinorId ? ":id" : tail[i];
            safe[i] = isToken ? "***" : tail[i];
        }

        return new DiscordRoute($"{method.Method} /{string.Join('/', key)}", major, "/" + string.Join('/', safe));
    }
}
