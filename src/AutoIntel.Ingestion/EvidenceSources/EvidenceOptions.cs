using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Ingestion.EvidenceSources;

/// <summary>Evidence sources for fact-checks and the limits of their requests (configuration section "Evidence"; the run budget and cache are <c>EvidenceGatheringOptions</c>).</summary>
public sealed class EvidenceOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Evidence";

    /// <summary>Google Fact Check Tools API (<c>claims:search</c>); on when <see cref="FactCheckOptions.ApiKey"/> is set.</summary>
    public FactCheckOptions FactCheck { get; set; } = new();

    /// <summary>Wikipedia or any MediaWiki; on by default when an LLM is configured.</summary>
    public WikipediaOptions Wikipedia { get; set; } = new();

    /// <summary>Brave Search API; on when <see cref="BraveOptions.ApiKey"/> is set.</summary>
    public BraveOptions Brave { get; set; } = new();

    /// <summary>A SearXNG instance's JSON API; on when <see cref="SearxngOptions.Endpoint"/> is set.</summary>
    public SearxngOptions Searxng { get; set; } = new();

    /// <summary>Items kept per source and claim.</summary>
    [Range(1, 10)]
    public int MaxResultsPerSource { get; set; } = 3;

    /// <summary>Time allowed for one source request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest response body read from a source.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxResponseBytes { get; set; } = 2L * 1024 * 1024;
}

/// <summary>Google Fact Check Tools API settings (<c>Evidence__FactCheck__*</c>).</summary>
public sealed class FactCheckOptions
{
    /// <summary>API key from the Google Cloud console; the source is off without one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The <c>claims:search</c> URL (tests point it at a loopback fake).</summary>
    public Uri Endpoint { get; set; } = new("https://factchecktools.googleapis.com/v1alpha1/claims:search");

    /// <summary>USD per query; the API is free.</summary>
    public decimal CostPerQueryUsd { get; set; }
}

/// <summary>MediaWiki settings (<c>Evidence__Wikipedia__*</c>).</summary>
public sealed class WikipediaOptions
{
    /// <summary>On or off; unset means on exactly when an LLM is configured (offline, an extract cannot decide a verdict).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The wiki's <c>api.php</c>; <c>{lang}</c> is replaced by the content's language.</summary>
    [Required]
    public string Endpoint { get; set; } = "https://{lang}.wikipedia.org/w/api.php";

    /// <summary>USD per query (two requests: search, then extracts); Wikipedia is free.</summary>
    public decimal CostPerQueryUsd { get; set; }
}

/// <summary>Brave Search API settings (<c>Evidence__Brave__*</c>).</summary>
public sealed class BraveOptions
{
    /// <summary>The subscription token (<c>X-Subscription-Token</c>); the source is off without one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The web search URL.</summary>
    public Uri Endpoint { get; set; } = new("https://api.search.brave.com/res/v1/web/search");

    /// <summary>USD per query: Brave's Search plan listed $5 per 1,000 requests (2026); set what your plan costs.</summary>
    public decimal CostPerQueryUsd { get; set; } = 0.005m;
}

/// <summary>SearXNG settings (<c>Evidence__Searxng__*</c>).</summary>
public sealed class SearxngOptions
{
    /// <summary>The instance's root (e.g. <c>https://searx.example.org/</c>); its settings must allow the <c>json</c> format.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>USD per query; a self-hosted instance is free.</summary>
    public decimal CostPerQueryUsd { get; set; }
}
