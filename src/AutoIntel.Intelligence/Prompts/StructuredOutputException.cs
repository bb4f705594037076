namespace AutoIntel.Intelligence.Prompts;

/// <summary>Every model in the fallback chain returned invalid output twice; the activity fails with this clear error rather than an empty result.</summary>
public sealed class StructuredOutputException : Exception
{
    public StructuredOutputException()
    {
    }

    public StructuredOutputException(string message)
        : base(message)
    {
    }

    public StructuredOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
