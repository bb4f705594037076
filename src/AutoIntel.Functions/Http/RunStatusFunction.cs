using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Functions.Durable;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AutoIntel.Functions.Http;

/// <summary><c>GET /api/runs/{instanceId}</c>: a run's status, the same JSON <c>autointel serve</c> returns (<see cref="RunStatusView"/>).</summary>
/// <remarks>Function-key protected (Durable's own status endpoints are too); the view leaves out the input, which holds the interaction token.</remarks>
public sealed class RunStatusFunction(WorkflowRegistry registry)
{
    /// <summary>The run's status; 400 for what cannot be an instance id (as <c>autointel serve</c> answers), 404 for an unknown run.</summary>
    [Function("RunStatus")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient durable)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            return Json(StatusCodes.Status400BadRequest, JsonSerializer.Serialize(new { error = InstanceIds.Problem(instanceId) }, AutoIntelJson.Options));
        }

        InstanceStatus? status = await new DurableWorkflowClient(durable, registry).GetStatusAsync(instanceId, request.HttpContext.RequestAborted);
        return status is null
            ? Json(StatusCodes.Status404NotFound, JsonSerializer.Serialize(RunStatusView.NotFound(instanceId), AutoIntelJson.Options))
            : Json(StatusCodes.Status200OK, JsonSerializer.Serialize(RunStatusView.From(status), AutoIntelJson.Indented));
    }

    // Serialized here rather than by an MVC formatter, so the bytes are what the local server sends whatever the worker's JSON settings.
    private static ContentResult Json(int statusCode, string json) =>
        new() { StatusCode = statusCode, Content = json, ContentType = "application/json; charset=utf-8" };
}
