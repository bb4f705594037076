namespace AutoIntel.Intelligence.Simulation;

/// <summary>The kinds of <see cref="Analyzers.IContentAnalyzer"/> calls, for latency and cost models.</summary>
public enum AnalyzerCall
{
    ExtractClaims,
    VerifyClaim,
}
