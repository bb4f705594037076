using AutoIntel.Discord.Commands;
using AutoIntel.Discord.Interactions;
using AutoIntel.Functions.Durable;
using AutoIntel.Ingestion.Watches;
using AutoIntel.Memory.Recall;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Functions.Http;

/// <summary>Builds the host-agnostic <see cref="InteractionHandler"/> around one invocation's Durable client.</summary>
/// <remarks>
/// Durable Functions hands a <see cref="DurableTaskClient"/> to each invocation through <c>[DurableClient]</c>; it is not a
/// container service here. So the function passes its client down, and the handler gets a <see cref="DurableWorkflowClient"/>
/// over it: no static state, and the handler code is exactly what <c>autointel serve</c> runs.
/// </remarks>
public sealed class InteractionHandlerFactory(
    Ed25519Verifier verifier,
    SourceLinkValidator links,
    WorkflowRegistry registry,
    ILogger<InteractionHandler> log,
    IMemoryRecall? memory = null,
    WatchStore? watches = null,
    FeedbackRecorder? feedback = null)
{
    /// <summary>A handler that starts and reads runs through <paramref name="client"/>; feedback clicks check their run through it too.</summary>
    public InteractionHandler Create(DurableTaskClient client) =>
        new(verifier, links, new DurableWorkflowClient(client, registry), log, memory, watches, feedback);
}
