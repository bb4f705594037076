using AutoIntel.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AutoIntel.Cli.Hosting;

/// <summary>OpenTelemetry for the local host, configured the standard way (docs/observability.md).</summary>
/// <remarks>
/// OTLP (traces and metrics) when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal endpoint) is set; the exporter reads the
/// rest of the <c>OTEL_*</c> variables itself (protocol, headers, timeout). <c>serve</c> adds the Prometheus scrape endpoint and
/// ASP.NET Core's request metrics. Disposing the service provider shuts the providers down, which flushes what is buffered:
/// a one-shot command exports everything before it exits.
/// </remarks>
public static class TelemetryRegistration
{
    /// <summary>The service name exported as <c>service.name</c>, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "autointel";

    private static readonly string[] OtlpEndpointKeys = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    /// <summary>True when an OTLP endpoint is configured for any signal.</summary>
    public static bool OtlpConfigured(IConfiguration configuration) =>
        OtlpEndpointKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    /// <summary>Registers the tracer and meter providers; <paramref name="server"/> adds the Prometheus exporter and HTTP server instrumentation.</summary>
    public static IServiceCollection AddAutoIntelTelemetry(this IServiceCollection services, IConfiguration configuration, bool server)
    {
        bool otlp = OtlpConfigured(configuration);
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName));

        // Spans cost only when someone exports them: without OTLP no tracer provider listens, and StartActivity returns null.
        if (otlp)
        {
            builder.WithTracing(tracing =>
            {
                tracing.AddSource(AutoIntelTelemetry.Name).AddHttpClientInstrumentation();
                if (server)
                {
                    tracing.AddAspNetCoreInstrumentation();
                }

                tracing.AddOtlpExporter();
            });
        }

        if (otlp || server)
        {
            builder.WithMetrics(metrics =>
            {
                metrics.AddMeter(AutoIntelTelemetry.Name);
                if (server)
                {
                    metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        }

        return services;
    }
}
