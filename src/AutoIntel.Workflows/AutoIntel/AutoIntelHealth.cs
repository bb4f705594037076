using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>The dependencies /health (serve and the Functions app) and <c>autointel doctor</c> report, and the shape they report in.</summary>
public static class AutoIntelHealth
{
    /// <summary>Artifact store writable (files or Azure Blob).</summary>
    public const string Storage = "storage";

    /// <summary>Vector memory answers (embedded store or Qdrant).</summary>
    public const string Memory = "memory";

    /// <summary>LLM endpoints reachable, when configured.</summary>
    public const string Llm = "llm";

    /// <summary>Discord public key present.</summary>
    public const string Discord = "discord";

    /// <summary>The report as plain data: overall status and one entry per dependency, in name order.</summary>
    public static HealthSummary Summarize(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new HealthSummary(
            Name(report.Status),
            [.. report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e =>
                new DependencyHealth(e.Key, Name(e.Value.Status), e.Value.Description ?? e.Value.Exception?.Message ?? "", Math.Round(e.Value.Duration.TotalMilliseconds, 1)))]);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>What /health answers and <c>autointel doctor</c> prints.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> (works, with something missing) or <c>unhealthy</c>.</param>
public sealed record HealthSummary(string Status, IReadOnlyList<DependencyHealth> Checks)
{
    /// <summary>False only when a dependency is unhealthy; /health answers 503 and doctor exits non-zero then.</summary>
    public bool Healthy => Status != "unhealthy";
}

/// <summary>One dependency's state.</summary>
/// <param name="Reason">Why, in one line (what answered, or what failed and how).</param>
public sealed record DependencyHealth(string Name, string Status, string Reason, double DurationMs);
