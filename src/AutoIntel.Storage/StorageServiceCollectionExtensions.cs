using Azure.Core;
using AutoIntel.Storage.AzureBlob;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIntel.Storage;

/// <summary>Registers artifact stores.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="IArtifactStore"/> that <c>Storage:Kind</c> names: <c>files</c> (default) under
    /// <paramref name="defaultFilesRoot"/>, or <c>azureblob</c> (<see cref="AzureBlobArtifactStore"/>); the <c>Storage</c> section is validated on start.</summary>
    /// <remarks>With <c>azureblob</c> and neither <c>Storage:ConnectionString</c> nor <c>Storage:BlobServiceUri</c> set, the Functions host's
    /// <c>AzureWebJobsStorage</c> settings are used: its connection string, or its <c>blobServiceUri</c>/<c>accountName</c> and managed identity
    /// <c>clientId</c>. A <see cref="TokenCredential"/> registered in the container replaces <c>DefaultAzureCredential</c>.</remarks>
    public static IServiceCollection AddAutoIntelArtifactStore(this IServiceCollection services, IConfiguration configuration, string defaultFilesRoot)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultFilesRoot);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure(o => UseFunctionsHostStorage(o, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        string kind = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Kind)}"] ?? StorageOptions.FilesKind;
        if (string.Equals(kind, StorageOptions.AzureBlobKind, StringComparison.OrdinalIgnoreCase))
        {
            return services.AddAzureBlobArtifactStore();
        }

        services.AddFileArtifactStore(defaultFilesRoot);
        // Reading the options first makes a misspelt Kind fail with the validator's message instead of silently writing files.
        services.RemoveAll<IArtifactStore>();
        services.AddSingleton<IArtifactStore>(sp =>
        {
            _ = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return sp.GetRequiredService<FileArtifactStore>();
        });
        return services;
    }

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

    private static IServiceCollection AddAzureBlobArtifactStore(this IServiceCollection services)
    {
        services.RemoveAll<IArtifactStore>();
        services.TryAddSingleton(TimeProvider.System);
        // The SDK keeps its own pipeline and shared HTTP transport; our options set its retries and timeouts.
        services.AddSingleton(sp => new AzureBlobArtifactStore(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetService<TokenCredential>(),
            time: sp.GetRequiredService<TimeProvider>(),
            logger: sp.GetService<ILogger<AzureBlobArtifactStore>>()));
        services.AddSingleton<IArtifactStore>(sp => sp.GetRequiredService<AzureBlobArtifactStore>());
        return services;
    }

    // infra/app/functions.bicep gives the Function App AzureWebJobsStorage__accountName/__credential/__clientId (managed identity),
    // and local.settings.json gives AzureWebJobsStorage=UseDevelopmentStorage=true; Storage:Kind=azureblob alone then suffices.
    private static void UseFunctionsHostStorage(StorageOptions options, IConfiguration configuration)
    {
        if (!string.Equals(options.Kind, StorageOptions.AzureBlobKind, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        IConfigurationSection host = configuration.GetSection("AzureWebJobsStorage");
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.BlobServiceUri))
        {
            if (!string.IsNullOrWhiteSpace(host.Value))
            {
                options.ConnectionString = host.Value;
            }
            else if (!string.IsNullOrWhiteSpace(host["blobServiceUri"]))
            {
                options.BlobServiceUri = host["blobServiceUri"];
            }
            else if (!string.IsNullOrWhiteSpace(host["accountName"]))
            {
                options.BlobServiceUri = $"https://{host["accountName"]}.blob.core.windows.net/";
            }
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) && string.Equals(host["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            options.ClientId = host["clientId"];
        }
    }
}
