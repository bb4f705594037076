using AutoIntel.Core.FactCheck;

namespace AutoIntel.Intelligence.Prompts;

/// <summary>A model's verdict on one claim before it is joined with the claim and evidence.</summary>
/// <param name="Citations">The evidence ids the model cited, as it wrote them.</param>
public sealed record VerificationAnswer(Verdict Verdict, double Confidence, string Rationale, IReadOnlyList<string> Citations);
