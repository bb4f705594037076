using AutoIntel.Intelligence.Llm;

namespace AutoIntel.Intelligence.Routing;

/// <summary>The models the router may choose from, built from <see cref="LlmOptions"/>.</summary>
public sealed class ModelCatalog
{
    /// <summary>Provider key of the single-endpoint shortcut.</summary>
    public const string DefaultProvider = "default";

    private readonly Dictionary<string, CatalogModel> _byId;

    public ModelCatalog(IEnumerable<CatalogModel> models)
    {
        Models = [.. models];
        _byId = Models.ToDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>All models, in configuration order.</summary>
    public IReadOnlyList<CatalogModel> Models { get; }

    /// <summary>A model by id, or null.</summary>
    public CatalogModel? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The first model with a capability, or null.</summary>
    public CatalogModel? FirstWith(string capability) => Models.FirstOrDefault(m => m.Has(capability));

    /// <summary>Builds the catalog: the <c>Llm:Models</c> list plus the one-model shortcut from <c>Llm:Endpoint</c>/<c>Llm:Model</c>.</summary>
    public static ModelCatalog FromOptions(LlmOptions options)
    {
        var models = new List<CatalogModel>();
        foreach (var m in options.Models)
        {
            models.Add(new CatalogModel(
                m.Name,
                m.Provider,
                string.IsNullOrWhiteSpace(m.Deployment) ? m.Name : m.Deployment,
                string.IsNullOrWhiteSpace(m.Family) ? m.Name : m.Family,
                m.InputPricePer1K,
                m.OutputPricePer1K,
                m.ContextWindow,
                m.TypicalLatencyMs,
                new HashSet<string>(m.Capabilities.Count > 0 ? m.Capabilities : [ModelCapabilities.Chat, ModelCapabilities.JsonSchema], StringComparer.OrdinalIgnoreCase),
                new Dictionary<string, double>(m.Quality, StringComparer.OrdinalIgnoreCase),
                m.DefaultQuality));
        }

        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            if (!string.IsNullOrWhiteSpace(options.Model))
            {
                models.Add(Shortcut(options, options.Model, ModelCapabilities.Chat, ModelCapabilities.JsonSchema));
            }

            if (!string.IsNullOrWhiteSpace(options.EmbeddingModel))
            {
                models.Add(Shortcut(options, options.EmbeddingModel, ModelCapabilities.Embeddings));
            }

            if (!string.IsNullOrWhiteSpace(options.TranscriptionModel))
            {
                models.Add(options.TranscriptionDiarization
                    ? Shortcut(options, options.TranscriptionModel, ModelCapabilities.Transcription, ModelCapabilities.Diarization)
                    : Shortcut(options, options.TranscriptionModel, ModelCapabilities.Transcription));
            }
        }

        return new ModelCatalog(models.DistinctBy(m => m.Id, StringComparer.OrdinalIgnoreCase));
    }

    private static CatalogModel Shortcut(LlmOptions options, string name, params string[] capabilities) => new(
        name,
        DefaultProvider,
        name,
        name,
        options.InputPricePer1K,
        options.OutputPricePer1K,
        options.ContextWindow,
        2000,
        new HashSet<string>(capabilities, StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase),
        0.8);
}
