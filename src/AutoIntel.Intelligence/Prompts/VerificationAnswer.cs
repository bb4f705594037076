using AutoIntel.Core.FactCheck;

namespace AutoIntel.Intelligence.Prompts;

/// <summary>A model's verdict on one claim before it is joined with the claim and evidence.</summary>
public sealed record VerificationAnswer(Verdict Verdict, double Confidence, string Rationale);
