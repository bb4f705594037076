using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Cache;
using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Gateway;

/// <summary>The gateway's answer to one task: a validated value, or why the LLM path could not serve it.</summary>
/// <param name="Served">False when budgets are exhausted or no model is usable; callers then fall back offline.</param>
/// <param name="Model">Model that produced the answer (also for cache hits).</param>
/// <param name="CacheTier">Tier that answered, or null for a fresh call.</param>
/// <param name="UnservedReason">Why the LLM path declined, for notes.</param>
/// <param name="Notes">What the briefing should say about this call (also written to the <see cref="RunJournal"/>).</param>
/// <param name="PromptTokens">The estimated prompt size the decision was made for (0 when unknown).</param>
public sealed record GatewayResult<T>(
    bool Served, T? Value, Usage Usage, string? Model, CacheTier? CacheTier, string? UnservedReason, RoutingDecision? Decision, IReadOnlyList<string> Notes, int PromptTokens = 0);
