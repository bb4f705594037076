namespace AutoIntel.Discord.Interactions;

/// <summary>The two request headers Discord signs with; hosts copy them from their HTTP request.</summary>
public sealed record InteractionHeaders(string? Signature, string? Timestamp)
{
    /// <summary>The signature header name.</summary>
    public const string SignatureHeader = "X-Signature-Ed25519";

    /// <summary>The timestamp header name.</summary>
    public const string TimestampHeader = "X-Signature-Timestamp";

    /// <summary>Picks the headers out of any header collection, ignoring case.</summary>
    public static InteractionHeaders From(IEnumerable<KeyValuePair<string, string>> headers)
    {
        string? signature = null;
        string? timestamp = null;
        foreach ((string name, string value) in headers)
        {
            if (string.Equals(name, SignatureHeader, StringComparison.OrdinalIgnoreCase))
            {
                signature = value;
            }
            else if (string.Equals(name, TimestampHeader, StringComparison.OrdinalIgnoreCase))
            {
                timestamp = value;
            }
        }

        return new InteractionHeaders(signature, timestamp);
    }
}
