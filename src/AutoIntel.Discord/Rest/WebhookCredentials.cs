using System.Diagnostics.CodeAnalysis;

namespace AutoIntel.Discord.Rest;

/// <summary>What it takes to post through a webhook: its id and secret token.</summary>
public sealed record WebhookCredentials(string Id, string Token)
{
    /// <summary>Parses <c>https://discord.com/api/webhooks/{id}/{token}</c> (with or without an API version segment).</summary>
    public static bool TryParse(string? url, [NotNullWhen(true)] out WebhookCredentials? credentials)
    {
        credentials = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        string[] segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int at = Array.IndexOf(segments, "webhooks");
        if (at < 0 || segments.Length != at + 3 || !segments[at + 1].All(char.IsAsciiDigit) || segments[at + 2].Length == 0)
        {
            return false;
        }

        credentials = new WebhookCredentials(segments[at + 1], segments[at + 2]);
        return true;
    }

    /// <summary>Overridden so the token never reaches a log line.</summary>
    public override string ToString() => $"WebhookCredentials {{ Id = {Id} }}";
}
