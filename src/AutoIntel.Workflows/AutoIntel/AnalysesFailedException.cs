namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Every analysis a run asked for failed outright, so there is nothing to brief; the message names each with its reason.</summary>
/// <remarks>Not a <see cref="Core.PermanentFailureException"/>: the input was fine, and a later run may well succeed.</remarks>
public sealed class AnalysesFailedException : Exception
{
    public AnalysesFailedException()
    {
    }

    public AnalysesFailedException(string message)
        : base(message)
    {
    }

    public AnalysesFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
