using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.Abstractions;

/// <summary>Conveniences over <see cref="IWorkflowContext"/> that need no host support.</summary>
public static class WorkflowContextExtensions
{
    /// <summary>A replay-safe logger named after <typeparamref name="T"/>.</summary>
    public static ILogger CreateReplaySafeLogger<T>(this IWorkflowContext context) =>
        context.CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);

    /// <summary>Runs <paramref name="start"/> over the items in batches of at most <paramref name="width"/>, in order.</summary>
    /// <remarks>Bounded fan-out: each batch is started at once and awaited with <c>Task.WhenAll</c>.</remarks>
    public static async Task<TResult[]> FanOutAsync<TItem, TResult>(
        this IWorkflowContext context, IReadOnlyList<TItem> items, int width, Func<TItem, Task<TResult>> start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _ = context;
        var results = new TResult[items.Count];
        for (var offset = 0; offset < items.Count; offset += width)
        {
            var count = Math.Min(width, items.Count - offset);
            var batch = new Task<TResult>[count];
            for (var i = 0; i < count; i++)
            {
                batch[i] = start(items[offset + i]);
            }

            var done = await Task.WhenAll(batch);
            Array.Copy(done, 0, results, offset, count);
        }

        return results;
    }
}
