namespace AutoIntel.Workflows.Abstractions;

/// <summary>One unit of work with I/O; its result is checkpointed in the orchestration history.</summary>
public interface IActivity<TInput, TOutput>
{
    /// <summary>Runs one attempt of the activity.</summary>
    Task<TOutput> RunAsync(ActivityContext context, TInput input);
}

/// <summary>Facts about the attempt being run.</summary>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="CancellationToken">Cancelled on attempt timeout, termination or shutdown.</param>
public sealed record ActivityContext(string InstanceId, string ActivityName, int Attempt, CancellationToken CancellationToken);
