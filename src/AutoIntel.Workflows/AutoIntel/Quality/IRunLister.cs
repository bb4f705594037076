using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>Lists the instances a report covers; each host implements it over its own engine (local histories, the Durable task hub).</summary>
public interface IRunLister
{
    /// <summary>Instances created at or after <paramref name="createdFromUtc"/>, with inputs and outputs.</summary>
    Task<IReadOnlyList<InstanceStatus>> ListAsync(DateTime createdFromUtc, CancellationToken cancellationToken = default);
}
