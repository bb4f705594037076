using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Vectors;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoIntel.Memory;

/// <summary>Healthy when the vector store answers a count of the content collection (embedded store or Qdrant).</summary>
public sealed class MemoryStoreHealthCheck(IVectorStore vectors, IEmbedder embedder) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string store = vectors.GetType().Name;
        try
        {
            long count = await vectors.CountAsync(ContentMemory.CollectionFor(embedder), cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy($"{store} answers ({count} vectors)");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{store} does not answer: {e.Message.Split('\n', 2)[0].Trim()}", e);
        }
    }
}
