namespace AutoIntel.Discord.Interactions;

/// <summary>The outcome of checking a request signature.</summary>
public enum SignatureCheck
{
    /// <summary>The signature matches the timestamp and body.</summary>
    Valid,

    /// <summary>A header is missing or empty.</summary>
    MissingHeaders,

    /// <summary>A header is not hex, has the wrong length, or the timestamp is not a number.</summary>
    Malformed,

    /// <summary>The timestamp is more than five minutes away from now (replay protection).</summary>
    Stale,

    /// <summary>The signature does not verify.</summary>
    Invalid,

    /// <summary>No public key is configured, so nothing can be trusted.</summary>
    NotConfigured,
}
