namespace AutoIntel.Core.FactCheck;

/// <summary>The outcome of checking one claim.</summary>
public enum Verdict
{
    /// <summary>No evidence was available to decide (for example offline, with nothing in memory).</summary>
    Unverified,
    Supported,
    Refuted,
    Mixed,
    Misleading,
}
