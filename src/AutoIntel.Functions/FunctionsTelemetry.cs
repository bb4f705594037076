using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using AutoIntel.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AutoIntel.Functions;

/// <summary>OpenTelemetry for the Functions worker: AutoIntel's spans and metrics to Azure Monitor and/or an OTLP collector.</summary>
/// <remarks>
/// Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set; the Bicep turns local authentication off and sets
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=…;Authorization=AAD</c>), so the exporter then signs in as that
/// managed identity. OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// Neither: no provider listens, and recording costs next to nothing. The host's own Application Insights logging stays as it was.
/// </remarks>
public static class FunctionsTelemetry
{
    /// <summary>The <c>service.name</c> (cloud role name in Application Insights).</summary>
    public const string ServiceName = "autointel-functions";

    /// <summary>True when the configuration names an Application Insights resource.</summary>
    public static bool AzureMonitorConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);

    /// <summary>True when an OTLP endpoint is configured.</summary>
    public static bool OtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary>Registers the providers and exporters the configuration asks for.</summary>
    public static IServiceCollection AddAutoIntelFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        bool azure = AzureMonitorConfigured(configuration);
        bool otlp = OtlpConfigured(configuration);
        if (!azure && !otlp)
        {
            return services;
        }

        OpenTelemetryBuilder builder = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        builder.WithTracing(tracing =>
        {
            tracing.AddSource(AutoIntelTelemetry.Name).AddHttpClientInstrumentation();
            if (azure)
            {
                tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"], EntraCredential(configuration));
            }

            if (otlp)
            {
                tracing.AddOtlpExporter();
            }
        });
        builder.WithMetrics(metrics =>
        {
            metrics.AddMeter(AutoIntelTelemetry.Name);
            if (azure)
            {
                metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"], EntraCredential(configuration));
            }

            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        return services;
    }

    /// <summary>The managed identity named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>Authorization=AAD</c>), else null (key-based ingestion).</summary>
    public static TokenCredential? EntraCredential(IConfiguration configuration)
    {
        Dictionary<string, string> parts = (configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out string? authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out string? clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
