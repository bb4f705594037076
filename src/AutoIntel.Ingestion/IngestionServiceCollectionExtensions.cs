using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.Ingestion.Files;
using AutoIntel.Ingestion.Video;
using AutoIntel.Ingestion.Watches;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoIntel.Ingestion;

/// <summary>Registers stages 2 (acquire) and 3 (transcribe).</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>Registers <see cref="FetchOptions"/> (section "Fetch"), <see cref="TranscriptionOptions"/> (section "Transcription"),
    /// <see cref="VideoOptions"/> (section "Acquire", video links through yt-dlp), the guarded HTTP client,
    /// <see cref="IContentAcquirer"/>, <see cref="ITranscriber"/> and <see cref="PieceTranscriber"/>.</summary>
    /// <remarks>Needs an <see cref="AutoIntel.Storage.IArtifactStore"/>; uses <see cref="DisabledSpeechToText"/> unless an <see cref="ISpeechToText"/> is registered.</remarks>
    public static IServiceCollection AddAutoIntelIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddFetchPolicy(configuration);
        services.AddOptions<TranscriptionOptions>()
            .Bind(configuration.GetSection(TranscriptionOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.PieceBytes <= o.MaxUploadBytes, "Transcription:PieceBytes must not exceed Transcription:MaxUploadBytes.")
            .ValidateOnStart();
        services.AddOptions<VideoOptions>()
            .Bind(configuration.GetSection(VideoOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<GuardedConnector>();
        services.TryAddSingleton<ParseBudget>();
        services.TryAddSingleton<ISpeechToText, DisabledSpeechToText>();

        // No resilience handler: the durable retry policy owns retries of transient failures.
        services.AddHttpClient<SafeHttpFetcher>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<GuardedConnector>().CreateHandler());

        services.TryAddSingleton<YtDlpRunner>();
        services.TryAddTransient<VideoAcquirer>();
        services.TryAddTransient<LocalFileReader>();
        services.TryAddTransient<IContentAcquirer, ContentAcquirer>();
        services.TryAddTransient<ITranscriber, Transcriber>();
        services.TryAddTransient<PieceTranscriber>();

        // Watches live in the artifact store (registered with it by the host), so every process sees the same list.
        services.TryAddSingleton<WatchStore>();
        services.TryAddTransient<WatchPoller>();
        return services;
    }

    /// <summary>Registers <see cref="FetchOptions"/> (section "Fetch") and the <see cref="FetchPolicy"/> built from them; a second call adds nothing.</summary>
    /// <remarks>For hosts that check links before a run (the Discord front door) with exactly the rules and allow-list the fetcher uses.</remarks>
    public static IServiceCollection AddFetchPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(FetchPolicy)))
        {
            // Binding twice would add every allowed host twice and validate twice.
            return services;
        }

        IConfigurationSection section = configuration.GetSection(FetchOptions.SectionName);
        services.AddOptions<FetchOptions>()
            .Bind(section)
            .PostConfigure(o =>
            {
                // Fetch__AllowedHosts=a,b arrives as one scalar value, which the binder does not turn into a list.
                if (section[nameof(FetchOptions.AllowedHosts)] is { Length: > 0 } scalar)
                {
                    o.AllowedHosts.Add(scalar);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<FetchPolicy>();
        return services;
    }
}
