using AutoIntel.Discord.Commands;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Rest;
using AutoIntel.Ingestion;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord;

/// <summary>Registers the Discord front door and delivery.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>Adds options (section <c>Discord</c>), the verifier, the link check (with the fetcher's <c>Fetch</c> policy), the interaction handler, the REST client, the command registrar and <see cref="IRunDelivery"/>.</summary>
    /// <remarks>The host supplies <c>IWorkflowClient</c> and <c>IArtifactStore</c>.</remarks>
    public static IServiceCollection AddAutoIntelDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>().Bind(configuration.GetSection(DiscordOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHealthChecks().AddCheck<DiscordHealthCheck>(AutoIntelHealth.Discord, HealthStatus.Degraded);

        services.TryAddSingleton<Ed25519Verifier>();
        services.AddFetchPolicy(configuration);
        services.TryAddSingleton<SourceLinkValidator>();
        services.TryAddSingleton<InteractionHandler>();
        services.TryAddTransient<IReportPublisher, DiscordReportPublisher>();

        services.TryAddSingleton<DiscordRateLimiter>();
        services.TryAddTransient<DiscordRateLimitHandler>();

        // Default HTTP logging writes request URIs, and webhook URIs contain tokens: our client logs safe routes instead.
        // Outer: the resilience handler retries 5xx. Inner, next to the wire: the rate-limit handler, so every attempt
        // (retries included) takes its slot in the route's bucket and the global limit, and 429s are waited out there.
        IHttpClientBuilder discord = services.AddHttpClient<DiscordRestClient>(client =>
            {
                client.Timeout = TimeSpan.FromSeconds(100);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://github.com/autointel/autointel, 1.0)");
            });
        discord.AddResilienceHandler("discord", DiscordServerErrorRetry.Configure);
        discord.AddHttpMessageHandler<DiscordRateLimitHandler>().RemoveAllLoggers();

        services.TryAddTransient<CommandRegistrar>();
        services.TryAddTransient<WebhookCredentialStore>();
        services.TryAddTransient<IRunDelivery, DiscordRunDelivery>();
        return services;
    }
}
