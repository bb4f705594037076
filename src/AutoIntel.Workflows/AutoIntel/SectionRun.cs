using AutoIntel.Core.Briefings;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>The analyzer results of one briefing section, or why its activities still failed after their durable retries.</summary>
/// <param name="Ran">False when the depth skips the section (then it neither degrades nor counts as failed).</param>
/// <param name="Failure">The last attempt's error when the section's activities failed; null otherwise.</param>
public sealed record SectionRun<T>(string Section, bool Ran, IReadOnlyList<AnalyzerResult<T>> Results, string? Failure)
{
    /// <summary>Whether the section ran and produced nothing at all.</summary>
    public bool Failed => Ran && Failure is not null;

    /// <summary>How the section is degraded: failed, or shown from offline heuristics for the reasons its results give; null when neither.</summary>
    public SectionDegradation? Degradation()
    {
        if (Failed)
        {
            return new SectionDegradation(Section, $"analysis failed ({Failure})", Failed: true);
        }

        return SectionRun.JoinReasons(Results.Select(r => r.Degraded)) is { } reason ? new SectionDegradation(Section, reason) : null;
    }
}

/// <summary>Factory and helpers for <see cref="SectionRun{T}"/>.</summary>
public static class SectionRun
{
    /// <summary>A section the depth does not run.</summary>
    public static SectionRun<T> Skipped<T>(string section) => new SectionRun<T>(section, false, [], null);

    /// <summary>Awaits the section's activities; a failure after their retries marks the section failed instead of failing the run.</summary>
    /// <remarks>Orchestration code: catching the recorded failure is deterministic, so replays take the same branch.</remarks>
    public static async Task<SectionRun<T>> GuardAsync<T>(string section, Task<AnalyzerResult<T>[]> running)
    {
        try
        {
            return new SectionRun<T>(section, true, await running, null);
        }
        catch (ActivityFailedException e)
        {
            return new SectionRun<T>(section, true, [], e.Message);
        }
    }

    /// <summary>Distinct degradation reasons in the given (chunk) order, joined; null when there are none.</summary>
    /// <remarks>Order is the caller's, never hash order, so replays and reruns word it identically.</remarks>
    public static string? JoinReasons(IEnumerable<string?> reasons)
    {
        var distinct = reasons.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count > 0 ? string.Join("; ", distinct) : null;
    }
}
