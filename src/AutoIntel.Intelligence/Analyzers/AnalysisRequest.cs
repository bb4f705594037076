using AutoIntel.Core.Runs;

namespace AutoIntel.Intelligence.Analyzers;

/// <summary>Who asks and how deep: used for routing, budgets, caching and tenancy.</summary>
/// <param name="Tenant">Discord guild id (or <c>local</c>); caches and budgets never cross tenants.</param>
public sealed record AnalysisRequest(string RunId, string Tenant, Depth Depth);
