using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion;

/// <summary>Stage 2: reads a local file or fetches a link (SSRF-guarded, bounded) and stores it as an artifact.</summary>
public interface IContentAcquirer
{
    /// <summary>The tenant of runs that name none (the CLI).</summary>
    const string LocalTenant = "local";

    /// <summary>Acquires <paramref name="source"/> for run <paramref name="runId"/> of <paramref name="tenant"/>, whose cached transcripts it may reuse;
    /// refusals throw <see cref="AutoIntel.Core.PermanentFailureException"/>.</summary>
    Task<AcquiredContent> AcquireAsync(string source, string runId, string tenant, CancellationToken cancellationToken = default);

    /// <summary>Acquires <paramref name="source"/> for run <paramref name="runId"/> of the local tenant.</summary>
    Task<AcquiredContent> AcquireAsync(string source, string runId, CancellationToken cancellationToken = default) =>
        AcquireAsync(source, runId, LocalTenant, cancellationToken);
}
