using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.EvidenceGathering;

/// <summary>The run budget, cache and language of evidence lookups (configuration section "Evidence", beside the sources' own settings).</summary>
public sealed class EvidenceGatheringOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Evidence";

    /// <summary>The language looked up when the content's language is unknown (ISO 639-1).</summary>
    public const string DefaultLanguage = "en";

    /// <summary>When set (ISO 639-1), every lookup uses this language whatever the content's; unset, lookups follow the content's language
    /// (declared, heard or detected), else <see cref="DefaultLanguage"/>.</summary>
    [RegularExpression("^[a-z]{2,3}$")]
    public string? Language { get; set; }

    /// <summary>Source queries one run may send (cache hits are free); claims checked after that stay unverified with the reason.</summary>
    [Range(0, 10_000)]
    public int MaxQueriesPerRun { get; set; } = 60;

    /// <summary>What one run's source queries may cost in USD (see each source's <c>CostPerQueryUsd</c>).</summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal MaxCostUsdPerRun { get; set; } = 0.25m;

    /// <summary>How long a source is left alone after a 429 that named no <c>Retry-After</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DefaultCooldown { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Caches each source's answer per claim text in the LLM response cache's exact tiers (memory, then the artifact store).</summary>
    public bool Cache { get; set; } = true;
}
