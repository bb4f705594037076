using AutoIntel.Core.Runs;

namespace AutoIntel.Intelligence.Analyzers;

/// <summary>An analysis result and what it cost.</summary>
public sealed record AnalyzerResult<T>(T Value, Usage Usage);

/// <summary>Factory for <see cref="AnalyzerResult{T}"/>.</summary>
public static class AnalyzerResult
{
    /// <summary>A result that cost nothing (offline).</summary>
    public static AnalyzerResult<T> Free<T>(T value) => new(value, Usage.None);
}
