using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion;

/// <summary>Stage 2: reads a local file or fetches a link (SSRF-guarded, bounded) and stores it as an artifact.</summary>
public interface IContentAcquirer
{
    /// <summary>Acquires <paramref name="source"/> for run <paramref name="runId"/>; refusals throw <see cref="AutoIntel.Core.PermanentFailureException"/>.</summary>
    Task<AcquiredContent> AcquireAsync(string source, string runId, CancellationToken cancellationToken = default);
}
