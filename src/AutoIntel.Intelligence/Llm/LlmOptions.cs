using AutoIntel.Intelligence.Budgets;
using AutoIntel.Intelligence.Cache;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Llm;

/// <summary>The <c>Llm</c> configuration section: endpoints, the model catalog, routing, cache, budgets and resilience.</summary>
public sealed class LlmOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Llm";

    /// <summary>Single-endpoint shortcut (<c>Llm__Endpoint</c>): with <see cref="Model"/> it makes a one-model catalog.</summary>
    public string? Endpoint { get; set; }

    /// <summary>API key for <see cref="Endpoint"/>; empty with an Azure endpoint means Entra ID.</summary>
    public string? ApiKey { get; set; }

    /// <summary>api-version when <see cref="Endpoint"/> is an Azure resource root (classic deployments shape); default 2024-10-21.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Chat model (or Azure deployment) name for <see cref="Endpoint"/>.</summary>
    public string? Model { get; set; }

    /// <summary>Embedding model for <see cref="Endpoint"/>, optional.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Transcription model for <see cref="Endpoint"/> (e.g. <c>whisper-1</c>), optional.</summary>
    public string? TranscriptionModel { get; set; }

    /// <summary>True when <see cref="TranscriptionModel"/> labels speakers (e.g. <c>gpt-4o-transcribe-diarize</c>); off by default,
    /// since models without diarization refuse the <c>diarized_json</c> format.</summary>
    public bool TranscriptionDiarization { get; set; }

    /// <summary>Price per 1K input tokens of the shortcut model in USD (0 for local servers).</summary>
    public decimal InputPricePer1K { get; set; }

    /// <summary>Price per 1K output tokens of the shortcut model in USD.</summary>
    public decimal OutputPricePer1K { get; set; }

    /// <summary>Context window of the shortcut model in tokens.</summary>
    public int ContextWindow { get; set; } = 128_000;

    /// <summary>Named providers (endpoints) for a multi-model catalog.</summary>
    public Dictionary<string, LlmProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The model catalog; each entry names one of <see cref="Providers"/>.</summary>
    public List<LlmModelOptions> Models { get; set; } = [];

    /// <summary>Router weights, quality floors and learning.</summary>
    public RoutingOptions Routing { get; set; } = new();

    /// <summary>Response cache tiers, TTLs and byte budget.</summary>
    public CacheOptions Cache { get; set; } = new();

    /// <summary>Per-run, per-tenant and per-call dollar caps.</summary>
    public BudgetOptions Budgets { get; set; } = new();

    /// <summary>Retries, timeouts and circuit breaking.</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>True when an LLM endpoint is configured (shortcut or catalog); otherwise the offline analyzers stay the default.</summary>
    public bool IsConfigured =>
        (!string.IsNullOrWhiteSpace(Endpoint) && (!string.IsNullOrWhiteSpace(Model) || !string.IsNullOrWhiteSpace(EmbeddingModel) || !string.IsNullOrWhiteSpace(TranscriptionModel)))
        || (Providers.Count > 0 && Models.Count > 0);
}
