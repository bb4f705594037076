using AutoIntel.Discord.Interactions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AutoIntel.Functions.Http;

/// <summary><c>POST /api/interactions</c>: Discord's interactions endpoint, answered by the shared <see cref="InteractionHandler"/>.</summary>
/// <remarks>
/// Anonymous on purpose: Discord cannot send a function key, and the handler verifies every request's Ed25519 signature
/// (401 otherwise) before it reads anything else.
/// </remarks>
public sealed class InteractionsFunction(InteractionHandlerFactory handlers)
{
    /// <summary>Verifies, parses and answers one interaction; an /autointel command starts its run through <paramref name="durable"/>.</summary>
    [Function("Interactions")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "interactions")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        var headers = new InteractionHeaders(request.Headers[InteractionHeaders.SignatureHeader].ToString(), request.Headers[InteractionHeaders.TimestampHeader].ToString());
        InteractionResponse response = await handlers.Create(durable).HandleAsync(headers, request.Body, request.ContentLength, request.HttpContext.RequestAborted);
        return new ContentResult { StatusCode = response.StatusCode, Content = response.Body, ContentType = InteractionResponse.ContentType };
    }
}
