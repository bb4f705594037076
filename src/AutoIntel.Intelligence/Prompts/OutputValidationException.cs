namespace AutoIntel.Intelligence.Prompts;

/// <summary>A model answer did not match its schema or failed a semantic check (such as a quote not found in the content).</summary>
public sealed class OutputValidationException : Exception
{
    public OutputValidationException()
    {
    }

    public OutputValidationException(string message)
        : base(message)
    {
    }

    public OutputValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
