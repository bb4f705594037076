using AutoIntel.Workflows.AutoIntel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoIntel.Functions.Http;

/// <summary><c>GET /api/health</c>: each dependency (storage, memory, LLM endpoint, Discord key) with status and reason.</summary>
public sealed class HealthFunction(HealthCheckService health)
{
    /// <summary>200 with the report when nothing is unhealthy, else 503 with the same report.</summary>
    [Function("Health")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        HealthSummary summary = AutoIntelHealth.Summarize(await health.CheckHealthAsync(request.HttpContext.RequestAborted));
        return new ObjectResult(summary) { StatusCode = summary.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable };
    }
}
