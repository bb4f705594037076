using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Recall;
using AutoIntel.Memory.Upkeep;
using AutoIntel.Memory.Vectors;
using AutoIntel.Memory.Vectors.Qdrant;
using AutoIntel.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIntel.Memory;

/// <summary>Registers the community memory with its embedded defaults (hashing embedder, embedded vector store, JSON graphs in the
/// registered <see cref="IArtifactStore"/>), or Qdrant as the vector store when <c>Memory:Qdrant:Url</c> is set.</summary>
public static class MemoryServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IContentMemory"/>, <see cref="IMemoryRecall"/>, <see cref="MemoryUpkeep"/>, <see cref="IEmbedder"/>, <see cref="IVectorStore"/> and <see cref="KnowledgeGraphStore"/> as singletons.</summary>
    /// <param name="rootPath">Memory folder used when <c>Memory:RootPath</c> is not configured (embedded vectors; graphs there from
    /// earlier versions are merged into the artifact store on first use).</param>
    /// <remarks>Registrations use TryAdd, so an embedder or vector store registered earlier (a model, Qdrant) takes precedence.</remarks>
    public static IServiceCollection AddAutoIntelMemory(this IServiceCollection services, IConfiguration configuration, string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        services.AddOptions<MemoryOptions>()
            .Bind(configuration.GetSection(MemoryOptions.SectionName))
            .PostConfigure(o => o.RootPath = string.IsNullOrWhiteSpace(o.RootPath) ? rootPath : o.RootPath)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MemoryOptions>, MemoryOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEmbedder>(_ => new HashingEmbedder());
        services.TryAddSingleton<IVectorStore>(sp =>
        {
            MemoryOptions options = sp.GetRequiredService<IOptions<MemoryOptions>>().Value;
            return options.Qdrant.IsEnabled
                ? new QdrantVectorStore(options.Qdrant, MemoryPayload.Tenant, MemoryPayload.FilterKeys, sp.GetService<ILogger<QdrantVectorStore>>(), time: sp.GetService<TimeProvider>())
                : new EmbeddedVectorStore(Path.Combine(options.RootPath, "vectors"), sp.GetService<ILogger<EmbeddedVectorStore>>(), MemoryPayload.Tenant, MemoryPayload.FilterKeys);
        });
        services.TryAddSingleton(sp => new KnowledgeGraphStore(
            sp.GetService<IArtifactStore>() ?? throw new InvalidOperationException(
                "The knowledge graph lives in the artifact store, and none is registered: call AddAutoIntelArtifactStore (or AddFileArtifactStore) as well as AddAutoIntelMemory."),
            Path.Combine(sp.GetRequiredService<IOptions<MemoryOptions>>().Value.RootPath, "graph"),
            sp.GetService<ILogger<KnowledgeGraphStore>>()));
        services.TryAddSingleton<IContentMemory, ContentMemory>();
        services.TryAddSingleton<IMemoryRecall, MemoryRecall>();
        services.TryAddSingleton<MemoryUpkeep>();
        return services;
    }
}
