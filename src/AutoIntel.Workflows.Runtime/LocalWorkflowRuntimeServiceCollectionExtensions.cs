using AutoIntel.Workflows.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Workflows.Runtime;

/// <summary>Registers the local durable runtime in a service collection.</summary>
public static class LocalWorkflowRuntimeServiceCollectionExtensions
{
    /// <summary>Adds <see cref="LocalWorkflowRuntime"/> as the <see cref="IWorkflowClient"/>; a <see cref="WorkflowRegistry"/> must be registered too.</summary>
    /// <remarks>
    /// Defaults, each kept if already registered: a <see cref="FileHistoryStore"/> over the registered (or default)
    /// <see cref="FileHistoryStoreOptions"/>, and <see cref="TimeProvider.System"/>.
    /// </remarks>
    public static IServiceCollection AddLocalWorkflowRuntime(this IServiceCollection services, Action<LocalRuntimeOptions>? configure = null)
    {
        var options = new LocalRuntimeOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new FileHistoryStoreOptions());
        services.TryAddSingleton<IHistoryStore>(sp => new FileHistoryStore(sp.GetRequiredService<FileHistoryStoreOptions>()));
        services.TryAddSingleton(sp => new LocalWorkflowRuntime(
            sp.GetRequiredService<WorkflowRegistry>(),
            sp.GetRequiredService<IHistoryStore>(),
            sp,
            sp.GetRequiredService<LocalRuntimeOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddSingleton<IWorkflowClient>(sp => sp.GetRequiredService<LocalWorkflowRuntime>());
        return services;
    }
}
