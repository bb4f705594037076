namespace AutoIntel.Intelligence.Providers;

/// <summary>A provider answered with something unusable (malformed body, empty or truncated content).</summary>
public sealed class LlmCallException : Exception
{
    public LlmCallException()
    {
    }

    public LlmCallException(string message)
        : base(message)
    {
    }

    public LlmCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
