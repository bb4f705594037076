namespace AutoIntel.Core.FactCheck;

/// <summary>A claim with its verdict, confidence, reasoning and evidence.</summary>
/// <param name="Method">Who decided: <c>offline</c>, <c>memory</c>, a model name, or <see cref="NotCheckedMethod"/>.</param>
public sealed record ClaimVerdict(Claim Claim, Verdict Verdict, double Confidence, string Rationale, IReadOnlyList<Evidence> Evidence, string Method)
{
    /// <summary>The <see cref="Method"/> of a claim that was found but not verified: the depth caps how many claims are checked.</summary>
    public const string NotCheckedMethod = "not checked at this depth";

    /// <summary>Whether the claim was verified (by anyone), as opposed to only found.</summary>
    public bool WasChecked => Method != NotCheckedMethod;

    /// <summary>A claim found beyond the depth's verification budget: listed, unverified, with the reason.</summary>
    public static ClaimVerdict NotChecked(Claim claim, string depth, int maxClaims) => new(
        claim,
        Verdict.Unverified,
        0,
        $"Not checked at this depth: {depth} verifies the {maxClaims} most check-worthy claims; a deeper run checks more.",
        [],
        NotCheckedMethod);
}
