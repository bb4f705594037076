using AutoIntel.Core.Runs;

namespace AutoIntel.Intelligence.Analyzers;

/// <summary>An analysis result, what it cost, and anything the briefing should say about how it was produced.</summary>
/// <param name="Notes">Plain-language notes for the briefing (degraded or offline because of budget, ignored injected instructions,
/// fallback after a provider failure); null when there is nothing to say.</param>
/// <param name="Degraded">Why the configured model's answer could not be used and offline heuristics stand in (e.g. <c>model output invalid</c>);
/// null when the result is what was asked for. Offline-only setups are not degraded: offline is what they asked for.</param>
/// <param name="Model">The model that answered (or, with a null model, that no model answered validly); null for offline-only setups.</param>
public sealed record AnalyzerResult<T>(T Value, Usage Usage, IReadOnlyList<string>? Notes = null, string? Degraded = null, ModelUse? Model = null);

/// <summary>Factory for <see cref="AnalyzerResult{T}"/>.</summary>
public static class AnalyzerResult
{
    /// <summary>A result that cost nothing (offline).</summary>
    public static AnalyzerResult<T> Free<T>(T value) => new(value, Usage.None);
}
