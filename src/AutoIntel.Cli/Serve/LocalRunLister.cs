using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Quality;
using AutoIntel.Workflows.Runtime;

namespace AutoIntel.Cli.Serve;

/// <summary>Lists runs from the local runtime's histories for reports.</summary>
public sealed class LocalRunLister(LocalWorkflowRuntime runtime) : IRunLister
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<InstanceStatus>> ListAsync(DateTime createdFromUtc, CancellationToken cancellationToken = default) =>
        [.. (await runtime.ListAsync(cancellationToken)).Where(s => s.CreatedAtUtc >= createdFromUtc)];
}
