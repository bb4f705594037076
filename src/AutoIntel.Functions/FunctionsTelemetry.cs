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
/// Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the Bicep sets it, with Entra authentication through
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, which the exporter reads itself); OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is.
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
                tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
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
                metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
            }

            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        return services;
    }
}
