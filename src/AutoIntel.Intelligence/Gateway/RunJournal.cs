using System.Collections.Concurrent;
using System.Globalization;
using AutoIntel.Core.Runs;

namespace AutoIntel.Intelligence.Gateway;

/// <summary>Per-run notes and LLM usage the briefing reports (degraded models, offline fallbacks, ignored injected instructions, cache savings).</summary>
public sealed class RunJournal
{
    private readonly ConcurrentDictionary<string, Log> _runs = new(StringComparer.Ordinal);

    /// <summary>Adds a plain-language note to a run (duplicates are kept once).</summary>
    public void Note(string runId, string note)
    {
        var log = _runs.GetOrAdd(runId, _ => new Log());
        lock (log)
        {
            if (log.Seen.Add(note))
            {
                log.Notes.Add(note);
            }
        }
    }

    /// <summary>Adds usage to a run.</summary>
    public void Add(string runId, Usage usage)
    {
        var log = _runs.GetOrAdd(runId, _ => new Log());
        lock (log)
        {
            log.Usage += usage;
        }
    }

    /// <summary>The notes of a run, in order.</summary>
    public IReadOnlyList<string> Notes(string runId)
    {
        if (!_runs.TryGetValue(runId, out var log))
        {
            return [];
        }

        lock (log)
        {
            return [.. log.Notes];
        }
    }

    /// <summary>The gateway usage of a run.</summary>
    public Usage Usage(string runId)
    {
        if (!_runs.TryGetValue(runId, out var log))
        {
            return Core.Runs.Usage.None;
        }

        lock (log)
        {
            return log.Usage;
        }
    }

    /// <summary>The briefing's cost line: what the run cost and what the cache saved.</summary>
    public string CostLine(string runId) => Describe(Usage(runId));

    /// <summary>Forgets a finished run.</summary>
    public void Forget(string runId) => _runs.TryRemove(runId, out _);

    /// <summary>A cost line for any usage, e.g. <c>LLM cost $0.0123 over 14 calls (9,870 in / 2,100 out tokens); cache: 5 hits saved $0.0040</c>.</summary>
    public static string Describe(Usage u) => string.Create(
        CultureInfo.InvariantCulture,
        $"LLM cost ${u.Usd:0.0000} over {u.LlmCalls} calls ({u.InputTokens:N0} in / {u.OutputTokens:N0} out tokens); cache: {u.CacheHits} hits saved ${u.UsdSaved:0.0000}");

    private sealed class Log
    {
        public List<string> Notes { get; } = [];

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public Usage Usage { get; set; } = Core.Runs.Usage.None;
    }
}
