using Azure.Core.Serialization;
using AutoIntel.Core.Serialization;
using AutoIntel.Discord;
using AutoIntel.Discord.Interactions;
using AutoIntel.Functions.Activities;
using AutoIntel.Functions.Durable;
using AutoIntel.Functions.Http;
using AutoIntel.Functions.Orchestrations;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Quality;
using AutoIntel.Workflows.AutoIntel.Upkeep;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoIntel.Functions;

/// <summary>The Functions app's composition, apart from the host builder so the engine tests build exactly this container.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>The same services as the CLI (src/AutoIntel.Cli/Hosting/AutoIntelApp.cs), except that Durable Functions, not the local runtime, runs the orchestrations.</summary>
    /// <param name="dataDir">Local folder for what is not in Blob Storage (the embedded vectors, unless Qdrant is configured).</param>
    public static IServiceCollection AddAutoIntelFunctions(this IServiceCollection services, IConfiguration configuration, string dataDir)
    {
        // Durable's data converter is built from the worker's serializer; AutoIntelJson keeps any payload it serializes in the
        // same shape as the local history. The adapter already hands Durable pre-serialized JsonElements, so this is a backstop.
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(AutoIntelJson.Options));

        Directory.CreateDirectory(dataDir);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAutoIntelServices(configuration, dataDir);
        services.AddAutoIntelDiscord(configuration);

        // The handler needs an IWorkflowClient, and here that is the per-invocation Durable client: it is built per request by
        // InteractionHandlerFactory, never resolved from the container (which has no IWorkflowClient).
        services.RemoveAll<InteractionHandler>();
        services.AddSingleton<InteractionHandlerFactory>();

        services.AddSingleton(new WorkflowRegistry().AddAutoIntel().AddQualityReport().AddMemoryUpkeep());

        // The weekly report lists runs through the Durable client of the activity invocation (a binding), so per invocation.
        services.AddScoped<DurableClientScope>();
        services.AddScoped<IRunLister, DurableRunLister>();
        services.AddScoped<RunReportBuilder>();
        services.AddSingleton<OrchestrationRunner>();
        services.AddSingleton<ActivityDispatcher>();
        return services;
    }
}
