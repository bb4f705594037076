using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoIntel.Storage;

/// <summary>Registers artifact stores.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="FileArtifactStore"/> as the <see cref="IArtifactStore"/>, rooted at <paramref name="rootPath"/>.</summary>
    public static IServiceCollection AddFileArtifactStore(this IServiceCollection services, string rootPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);

        services.AddOptions<FileArtifactStoreOptions>()
            .Configure(o => o.RootPath = rootPath)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.RemoveAll<IArtifactStore>();
        services.AddSingleton<FileArtifactStore>();
        services.AddSingleton<IArtifactStore>(sp => sp.GetRequiredService<FileArtifactStore>());
        return services;
    }

    /// <summary>Registers one shared <see cref="InMemoryArtifactStore"/> as the <see cref="IArtifactStore"/>.</summary>
    public static IServiceCollection AddInMemoryArtifactStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IArtifactStore>();
        services.AddSingleton<InMemoryArtifactStore>();
        services.AddSingleton<IArtifactStore>(sp => sp.GetRequiredService<InMemoryArtifactStore>());
        return services;
    }
}
