namespace AutoIntel.Workflows.Abstractions;

/// <summary>How an activity is retried: attempts, exponential backoff and a per-attempt timeout.</summary>
/// <param name="MaxAttempts">Total attempts including the first (1 = no retry).</param>
/// <param name="FirstRetryInterval">Delay before the second attempt.</param>
/// <param name="BackoffCoefficient">Multiplier applied to the delay after each failed attempt.</param>
/// <param name="MaxRetryInterval">Upper bound for any one delay.</param>
/// <param name="AttemptTimeout">An attempt running longer than this is cancelled and counts as failed (local runtime only; Durable Functions has no activity timeout).</param>
/// <remarks><c>AutoIntel.Core.PermanentFailureException</c> is never retried.</remarks>
public sealed record RetryPolicy(
    int MaxAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient = 2.0,
    TimeSpan? MaxRetryInterval = null,
    TimeSpan? AttemptTimeout = null)
{
    /// <summary>One attempt, no retry.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero);

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 = first retry).</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        if (nextAttempt <= 1)
        {
            return TimeSpan.Zero;
        }

        var ms = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, nextAttempt - 2);
        var max = (MaxRetryInterval ?? TimeSpan.FromHours(1)).TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Min(ms, max));
    }
}
