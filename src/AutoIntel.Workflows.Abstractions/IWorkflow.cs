namespace AutoIntel.Workflows.Abstractions;

/// <summary>An orchestration: deterministic code that schedules activities through the context.</summary>
public interface IWorkflow<TInput, TOutput>
{
    /// <summary>Runs (or replays) the orchestration.</summary>
    Task<TOutput> RunAsync(IWorkflowContext context, TInput input);
}
