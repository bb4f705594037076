namespace AutoIntel.Workflows.Abstractions;

/// <summary>The orchestration code no longer matches the recorded history of an instance.</summary>
public sealed class NonDeterminismException : Exception
{
    public NonDeterminismException()
    {
    }

    public NonDeterminismException(string message)
        : base(message)
    {
    }

    public NonDeterminismException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
