namespace AutoIntel.Workflows.Tests.Runtime;

/// <summary>A hang guard for waits on signals: generous, so it never decides a result on a busy machine, only stops a stuck test.</summary>
internal static class Guard
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits for the task, failing the test (instead of hanging) if it never completes.</summary>
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    /// <inheritdoc cref="Within{T}(Task{T})"/>
    public static Task Within(this Task task) => task.WaitAsync(Timeout);
}
