namespace AutoIntel.Memory.Recall;

/// <summary>A remembered claim and the verdict its run reached.</summary>
/// <param name="Verdict">Supported, Refuted, Mixed, Misleading or Unverified.</param>
/// <param name="Rationale">Why the verdict was reached, as the run recorded it.</param>
public sealed record RecalledClaim(string Claim, string Verdict, double Confidence, string Rationale, string Source, string RunId, double Score);
