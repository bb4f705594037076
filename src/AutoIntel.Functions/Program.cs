using Azure.Core.Serialization;
using AutoIntel.Core.Serialization;
using AutoIntel.Discord;
using AutoIntel.Discord.Interactions;
using AutoIntel.Functions.Activities;
using AutoIntel.Functions.Http;
using AutoIntel.Functions.Orchestrations;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

// The Functions host's composition root: the same registrations as the CLI (src/AutoIntel.Cli/Hosting/AutoIntelApp.cs),
// except that Durable Functions, not the local runtime, runs the orchestrations (docs/functions.md).
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// Durable's data converter is built from the worker's serializer; AutoIntelJson keeps any payload it serializes in the
// same shape as the local history. The adapter already hands Durable pre-serialized JsonElements, so this is a backstop.
builder.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(AutoIntelJson.Options));

// Durable state lives in the task hub (AzureWebJobsStorage); artifacts go to Blob Storage (Storage__Kind=azureblob, set by
// the Bicep), and so does the knowledge graph (shared by every instance through conditional writes). This folder holds only
// the embedded vectors (unless Memory__Qdrant__Url is set), which are per instance and do not survive a scale-in
// (docs/functions.md, "Known limit").
string dataDir = Path.Combine(Path.GetTempPath(), "autointel");
Directory.CreateDirectory(dataDir);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddAutoIntelServices(builder.Configuration, dataDir);
builder.Services.AddAutoIntelDiscord(builder.Configuration);

// The handler needs an IWorkflowClient, and here that is the per-invocation Durable client: it is built per request by
// InteractionHandlerFactory, never resolved from the container (which has no IWorkflowClient).
builder.Services.RemoveAll<InteractionHandler>();
builder.Services.AddSingleton<InteractionHandlerFactory>();

builder.Services.AddSingleton(new WorkflowRegistry().AddAutoIntel());
builder.Services.AddSingleton<OrchestrationRunner>();
builder.Services.AddSingleton<ActivityDispatcher>();

builder.Build().Run();
