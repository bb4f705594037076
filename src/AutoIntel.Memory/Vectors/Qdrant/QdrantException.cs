using System.Net;

namespace AutoIntel.Memory.Vectors.Qdrant;

/// <summary>A Qdrant request failed after its retries; the message says what to check.</summary>
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

    public QdrantException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Qdrant's HTTP status, or null when no response arrived (network error, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }
}
