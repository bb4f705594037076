namespace AutoIntel.Core.Runs;

/// <summary>What one or more analyzer calls cost.</summary>
public sealed record Usage(int LlmCalls, long InputTokens, long OutputTokens, decimal Usd, int CacheHits, decimal UsdSaved = 0m)
{
    /// <summary>No calls, no cost (offline analyzers).</summary>
    public static Usage None { get; } = new(0, 0, 0, 0m, 0);

    public static Usage operator +(Usage a, Usage b) => new(
        a.LlmCalls + b.LlmCalls, a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens, a.Usd + b.Usd, a.CacheHits + b.CacheHits, a.UsdSaved + b.UsdSaved);

    /// <summary>Sums a sequence of usages.</summary>
    public static Usage Sum(IEnumerable<Usage> usages) => usages.Aggregate(None, (a, b) => a + b);
}
