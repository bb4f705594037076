using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoIntel.Storage;

/// <summary>Healthy when the artifact store takes a write and gives it back (files or Azure Blob, whichever is configured).</summary>
/// <remarks>Writes one small probe under <c>health/</c> and deletes it again; a read-only or unreachable store is unhealthy, with the store's own error.</remarks>
public sealed class ArtifactStoreHealthCheck(IArtifactStore store) : IHealthCheck
{
    /// <summary>Where the probe goes; deleted after each check.</summary>
    public const string ProbePrefix = "health/";

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string path = $"{ProbePrefix}probe-{Environment.ProcessId}-{Guid.NewGuid():N}";
        byte[] probe = Encoding.UTF8.GetBytes("autointel health probe");
        try
        {
            await store.PutAsync(path, probe, "text/plain", cancellationToken);
            byte[] back = await store.GetAsync(path, cancellationToken);
            await store.DeletePrefixAsync(path, cancellationToken);
            return back.AsSpan().SequenceEqual(probe)
                ? HealthCheckResult.Healthy($"writable ({store.GetType().Name})")
                : HealthCheckResult.Unhealthy($"{store.GetType().Name} returned different bytes than were written");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"not writable ({store.GetType().Name}): {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
