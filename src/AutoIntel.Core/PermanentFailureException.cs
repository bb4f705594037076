namespace AutoIntel.Core;

/// <summary>A failure that retrying cannot fix (bad input, refused link, unsupported format).</summary>
/// <remarks>Runtimes do not retry activities that throw this; its message is shown to users as is, so keep it one clear line.</remarks>
public class PermanentFailureException : Exception
{
    public PermanentFailureException()
    {
    }

    public PermanentFailureException(string message)
        : base(message)
    {
    }

    public PermanentFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
