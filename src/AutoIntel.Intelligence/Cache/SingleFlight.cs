using System.Collections.Concurrent;

namespace AutoIntel.Intelligence.Cache;

/// <summary>Collapses concurrent calls with the same key into one execution whose result all callers share.</summary>
public sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _inflight = new(StringComparer.Ordinal);

    /// <summary>Calls in flight right now.</summary>
    public int InFlight => _inflight.Count;

    /// <summary>Runs <paramref name="work"/> unless a call with the same key is already running, in which case its result is awaited.</summary>
    /// <returns>The result and whether this caller shared another caller's execution.</returns>
    public async Task<(T Value, bool Shared)> RunAsync(string key, Func<Task<T>> work)
    {
        var mine = new Lazy<Task<T>>(work, LazyThreadSafetyMode.ExecutionAndPublication);
        var actual = _inflight.GetOrAdd(key, mine);
        try
        {
            return (await actual.Value, !ReferenceEquals(actual, mine));
        }
        finally
        {
            if (ReferenceEquals(actual, mine))
            {
                _inflight.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, mine));
            }
        }
    }
}
