using AutoIntel.Workflows.Abstractions;
using Microsoft.DurableTask;
using RetryPolicy = AutoIntel.Workflows.Abstractions.RetryPolicy;

namespace AutoIntel.Functions.Durable;

/// <summary>Maps our <see cref="RetryPolicy"/> onto Durable task options with the same attempts, backoff and permanence rule.</summary>
/// <remarks>
/// A retry handler rather than Durable's declarative policy, because the local runtime never retries a
/// <c>PermanentFailureException</c>, and the handler is where that decision can be made. The delay comes from the same
/// <see cref="RetryPolicy.DelayBefore"/> the local runtime uses, waited out on a durable timer (so it survives restarts).
/// <see cref="RetryPolicy.AttemptTimeout"/> has no Durable counterpart (the host's functionTimeout bounds an attempt).
/// </remarks>
internal static class DurableRetry
{
    /// <summary>Task options for <paramref name="policy"/>; null (one attempt) when it allows no retry.</summary>
    public static TaskOptions? ToTaskOptions(RetryPolicy? policy)
    {
        // Calls without a policy get the local runtime's default (LocalRuntimeOptions.DefaultRetry): one attempt.
        if (policy is null || policy.MaxAttempts <= 1)
        {
            return null;
        }

        AsyncRetryHandler handler = async retry =>
        {
            if (retry.LastAttemptNumber >= policy.MaxAttempts || DurableFailures.IsPermanent(retry.LastFailure))
            {
                return false;
            }

            TimeSpan delay = policy.DelayBefore(retry.LastAttemptNumber + 1);
            if (delay > TimeSpan.Zero)
            {
                await retry.OrchestrationContext.CreateTimer(delay, CancellationToken.None);
            }

            return true;
        };
        return TaskOptions.FromRetryHandler(handler);
    }
}
