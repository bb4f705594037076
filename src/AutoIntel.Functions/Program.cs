using AutoIntel.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Functions host's composition root (docs/functions.md).
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// Durable state lives in the task hub (AzureWebJobsStorage); artifacts go to Blob Storage (Storage__Kind=azureblob, set by
// the Bicep), and so does the knowledge graph (shared by every instance through conditional writes). This folder holds only
// the embedded vectors (unless Memory__Qdrant__Url is set), which are per instance and do not survive a scale-in
// (docs/functions.md, "Known limit").
builder.Services.AddAutoIntelFunctions(builder.Configuration, Path.Combine(Path.GetTempPath(), "autointel"));

// AutoIntel's own spans and metrics (one trace per run; docs/observability.md) to Azure Monitor and/or OTLP.
builder.Services.AddAutoIntelFunctionsTelemetry(builder.Configuration);

builder.Build().Run();
