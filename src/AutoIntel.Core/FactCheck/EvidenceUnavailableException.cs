namespace AutoIntel.Core.FactCheck;

/// <summary>An evidence source could not answer (quota, error, unreachable); <see cref="Exception.Message"/> is one line for the briefing.</summary>
public sealed class EvidenceUnavailableException : Exception
{
    public EvidenceUnavailableException()
    {
    }

    public EvidenceUnavailableException(string message)
        : base(message)
    {
    }

    public EvidenceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates "{source}: {reason}", with how long the source asked us to wait when it said.</summary>
    public EvidenceUnavailableException(string source, string reason, TimeSpan? retryAfter = null, Exception? inner = null)
        : base($"{source}: {reason}", inner)
    {
        SourceName = source;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>The source's <see cref="IEvidenceSource.Name"/>.</summary>
    public string? SourceName { get; }

    /// <summary>Why, without the source name.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>How long the source asked us to wait (a 429's <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
