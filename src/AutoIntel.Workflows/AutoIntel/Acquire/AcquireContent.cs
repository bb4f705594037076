using AutoIntel.Core.Content;
using AutoIntel.Ingestion;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Acquire;

/// <summary>Stage 2: reads the file or fetches the link (SSRF-guarded) and stores the original bytes.</summary>
public sealed class AcquireContent(IContentAcquirer acquirer) : IActivity<AcquireContentInput, AcquiredContent>
{
    /// <inheritdoc/>
    public Task<AcquiredContent> RunAsync(ActivityContext context, AcquireContentInput input) =>
        acquirer.AcquireAsync(input.Source, input.RunId, input.Tenant, context.CancellationToken);
}

/// <summary>Input of <see cref="AcquireContent"/>.</summary>
/// <param name="Tenant">Whose cached transcripts may be reused; histories recorded before it existed read back as the local tenant.</param>
public sealed record AcquireContentInput(string RunId, string Source, string Tenant = IContentAcquirer.LocalTenant);
