namespace AutoIntel.Core.Runs;

/// <summary>What a depth means in work: chunk size, claim budget and fan-out widths (which analyses run is each declaration's
/// <c>MinDepth</c> in <c>AnalysisCatalog</c>).</summary>
/// <param name="ChunkTokens">Upper bound of tokens per chunk.</param>
/// <param name="MaxClaims">How many of the most check-worthy claims get verified.</param>
/// <param name="VerifyParallelism">How many claim verifications run at once.</param>
/// <param name="AnalysisParallelism">How many chunk analyses run at once.</param>
/// <param name="Remember">Whether stage 7 stores the run in memory.</param>
public sealed record DepthProfile(
    Depth Depth,
    int ChunkTokens,
    int MaxClaims,
    int VerifyParallelism,
    int AnalysisParallelism,
    bool Remember)
{
    /// <summary>The profile of a depth.</summary>
    public static DepthProfile For(Depth depth) => depth switch
    {
        Depth.Quick => new(depth, 2000, 5, 4, 8, true),
        Depth.Standard => new(depth, 1500, 12, 4, 16, true),
        Depth.Deep => new(depth, 1000, 25, 8, 32, true),
        Depth.Experimental => new(depth, 800, 50, 16, 64, true),
        _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "Unknown depth."),
    };
}
