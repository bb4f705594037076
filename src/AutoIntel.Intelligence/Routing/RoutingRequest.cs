using AutoIntel.Core.Runs;

namespace AutoIntel.Intelligence.Routing;

/// <summary>What a routing decision must satisfy.</summary>
/// <param name="Task">Task type (see <see cref="TaskTypes"/>).</param>
/// <param name="PromptTokens">Estimated prompt tokens.</param>
/// <param name="OutputTokens">Expected output tokens (for cost and context-window checks).</param>
/// <param name="MaxCallUsd">The most this call may cost (the tightest of the per-call, run and tenant-day budgets).</param>
/// <param name="MaxLatencyMs">Latency requirement, if any.</param>
/// <param name="Exclude">Models not to consider (already failed in this call).</param>
/// <param name="Explore">Thompson-sample learned quality (true) or use posterior means (false, deterministic).</param>
public sealed record RoutingRequest(
    string Task,
    int PromptTokens,
    int OutputTokens,
    Depth Depth,
    decimal MaxCallUsd = decimal.MaxValue,
    double? MaxLatencyMs = null,
    string Capability = ModelCapabilities.Chat,
    IReadOnlyCollection<string>? Exclude = null,
    bool Explore = true);
