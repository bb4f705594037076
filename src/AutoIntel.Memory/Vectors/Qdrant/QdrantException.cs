using Grpc.Core;

namespace AutoIntel.Memory.Vectors.Qdrant;

/// <summary>A Qdrant call failed after its retries; the message says what to check.</summary>
public sealed class QdrantException : Exception
{
    public QdrantException()
    {
    }

    public QdrantException(string message)
        : base(message)
    {
    }

    public QdrantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QdrantException(string message, RpcException innerException)
        : base(message, innerException)
    {
        StatusCode = innerException.StatusCode;
    }

    /// <summary>Qdrant's gRPC status (<see cref="Grpc.Core.StatusCode.Unavailable"/> when no answer arrived), or null for a failure of ours.</summary>
    public StatusCode? StatusCode { get; }
}
