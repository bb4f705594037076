using System.Collections.Concurrent;

namespace AutoIntel.Cli.Serve;

/// <summary>Counts HTTP requests by route template, method and status code.</summary>
public sealed class RequestMetrics
{
    private readonly ConcurrentDictionary<(string Route, string Method, int Status), long> _counts = new();

    /// <summary>Counts one served request.</summary>
    public void Record(string route, string method, int status) =>
        _counts.AddOrUpdate((route, method, status), 1, (_, n) => n + 1);

    /// <summary>The counts so far, ordered for stable output.</summary>
    public IReadOnlyList<KeyValuePair<(string Route, string Method, int Status), long>> Snapshot() =>
        [.. _counts.OrderBy(c => c.Key.Route, StringComparer.Ordinal).ThenBy(c => c.Key.Method, StringComparer.Ordinal).ThenBy(c => c.Key.Status)];
}
