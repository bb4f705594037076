using AutoIntel.Core.FactCheck;
using AutoIntel.Ingestion.Fetching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.EvidenceSources;

/// <summary>Registers the evidence sources the configuration turns on, each calling out through the SSRF-guarded connector.</summary>
public static class EvidenceServiceCollectionExtensions
{
    /// <summary>Binds <see cref="EvidenceOptions"/> (section "Evidence") and registers one <see cref="IEvidenceSource"/> per configured provider:
    /// Fact Check Tools with an API key, MediaWiki when enabled (by default exactly when <paramref name="llmConfigured"/>), Brave with a key, SearXNG with an endpoint.</summary>
    /// <remarks>Needs <see cref="IngestionServiceCollectionExtensions.AddFetchPolicy"/>: loopback endpoints (test fakes) must be in <c>Fetch:AllowedHosts</c> like any other link.</remarks>
    public static IServiceCollection AddAutoIntelEvidence(this IServiceCollection services, IConfiguration configuration, bool llmConfigured)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddFetchPolicy(configuration);
        services.AddOptions<EvidenceOptions>()
            .Bind(configuration.GetSection(EvidenceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<GuardedConnector>();

        // No resilience handler: a refused or rate-limited source degrades its own items, and the gatherer backs off after a 429.
        services.AddHttpClient<EvidenceHttp>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<GuardedConnector>().CreateHandler());

        var options = new EvidenceOptions();
        configuration.GetSection(EvidenceOptions.SectionName).Bind(options);
        if (!string.IsNullOrWhiteSpace(options.FactCheck.ApiKey))
        {
            services.AddSingleton<IEvidenceSource>(sp => Create(sp, o => new GoogleFactCheckSource(sp.GetRequiredService<EvidenceHttp>(), o.FactCheck, o.MaxResultsPerSource)));
        }

        if (options.Wikipedia.Enabled ?? llmConfigured)
        {
            services.AddSingleton<IEvidenceSource>(sp => Create(sp, o => new MediaWikiSource(sp.GetRequiredService<EvidenceHttp>(), o.Wikipedia, o.MaxResultsPerSource)));
        }

        if (!string.IsNullOrWhiteSpace(options.Brave.ApiKey))
        {
            services.AddSingleton<IEvidenceSource>(sp => Create(sp, o => new BraveSearchSource(sp.GetRequiredService<EvidenceHttp>(), o.Brave, o.MaxResultsPerSource)));
        }

        if (options.Searxng.Endpoint is not null)
        {
            services.AddSingleton<IEvidenceSource>(sp => Create(sp, o => new SearxngSource(sp.GetRequiredService<EvidenceHttp>(), o.Searxng, o.MaxResultsPerSource)));
        }

        return services;
    }

    private static IEvidenceSource Create(IServiceProvider services, Func<EvidenceOptions, IEvidenceSource> create) =>
        create(services.GetRequiredService<IOptions<EvidenceOptions>>().Value);
}
