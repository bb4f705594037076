namespace AutoIntel.Core.FactCheck;

/// <summary>A claim with its verdict, confidence, reasoning and evidence.</summary>
/// <param name="Method">Who decided: <c>offline</c>, <c>memory</c> or a model name.</param>
public sealed record ClaimVerdict(Claim Claim, Verdict Verdict, double Confidence, string Rationale, IReadOnlyList<Evidence> Evidence, string Method);
