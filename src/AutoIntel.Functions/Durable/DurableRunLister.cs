using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.DurableTask.Client;

namespace AutoIntel.Functions.Durable;

/// <summary>The Durable client of the current invocation, for services built in its scope (the client is a binding, not a container service).</summary>
public sealed class DurableClientScope
{
    /// <summary>Set by the function before it runs anything that lists instances.</summary>
    public DurableTaskClient? Client { get; set; }
}

/// <summary>Lists instances from the task hub for reports, through the invocation's Durable client.</summary>
public sealed class DurableRunLister(DurableClientScope scope) : IRunLister
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<InstanceStatus>> ListAsync(DateTime createdFromUtc, CancellationToken cancellationToken = default)
    {
        DurableTaskClient client = scope.Client ?? throw new InvalidOperationException("No Durable client in this invocation: the function must bind [DurableClient] and set DurableClientScope.Client.");
        var query = new OrchestrationQuery { CreatedFrom = new DateTimeOffset(DateTime.SpecifyKind(createdFromUtc, DateTimeKind.Utc)), FetchInputsAndOutputs = true };
        var found = new List<InstanceStatus>();
        await foreach (OrchestrationMetadata metadata in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            found.Add(DurableStatus.From(metadata));
        }

        return found;
    }
}
