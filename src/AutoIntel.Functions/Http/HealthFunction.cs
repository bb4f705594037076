using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoIntel.Functions.Http;

/// <summary><c>GET /api/health</c>: the worker is up and answering.</summary>
public static class HealthFunction
{
    /// <summary>Always <c>{"status":"ok"}</c>.</summary>
    [Function("Health")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        new OkObjectResult(new { status = "ok" });
}
