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

    /// <summary>Refuses, before any run starts, what <see cref="AcquireAsync(string, string, string, CancellationToken)"/> would refuse
    /// without fetching anything: an unreadable local file (missing, a folder, wrong type, too large, binary, undecodable text) or a link
    /// that is not a valid http(s) link. Throws <see cref="AutoIntel.Core.PermanentFailureException"/> with the same one-line reason.</summary>
    Task CheckAsync(string source, CancellationToken cancellationToken = default);

    /// <summary>Acquires <paramref name="source"/> for run <paramref name="runId"/> of the local tenant.</summary>
    Task<AcquiredContent> AcquireAsync(string source, string runId, CancellationToken cancellationToken = default) =>
        AcquireAsync(source, runId, LocalTenant, cancellationToken);
}
