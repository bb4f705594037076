using System.Text;
using AutoIntel.Core.Serialization;
using AutoIntel.Discord.Interactions;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Cli.Serve;

/// <summary>The local HTTP host of <c>autointel serve</c>: the Discord interactions endpoint, run status, health and Prometheus metrics.</summary>
public static class LocalServer
{
    /// <summary>Largest request body Kestrel accepts; the interactions handler enforces its own smaller limit.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Builds (does not start) the server.</summary>
    /// <param name="urls">Listen addresses, e.g. <c>http://127.0.0.1:7071</c> (port 0 picks a free one).</param>
    /// <param name="configureServices">Registers the host's services: <c>AddAutoIntelDiscord</c>, an <see cref="IWorkflowClient"/>, an artifact store, the health checks and OpenTelemetry with the Prometheus exporter.</param>
    /// <param name="configuration">The application's configuration, added to the host's (its <c>Kestrel</c> and <c>Logging</c> sections apply); optional.</param>
    public static WebApplication Build(string urls, Action<IServiceCollection> configureServices, IConfiguration? configuration = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        if (configuration is not null)
        {
            builder.Configuration.AddConfiguration(configuration);
        }

        // After the application's configuration, so --urls wins over a stray "urls" setting in it.
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        // The composition chooses the log providers and filters, so the host's defaults must not log a second time.
        builder.Logging.ClearProviders();
        configureServices(builder.Services);

        WebApplication app = builder.Build();
        app.MapPost("/api/interactions", HandleInteractionAsync);
        app.MapGet("/api/runs/{instanceId}", GetRunAsync);
        app.MapGet("/health", GetHealthAsync);

        // OpenTelemetry's Prometheus exporter renders every AutoIntel instrument and ASP.NET Core's request metrics (docs/observability.md).
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static async Task<IResult> HandleInteractionAsync(HttpContext context, InteractionHandler handler, CancellationToken cancellationToken)
    {
        HttpRequest request = context.Request;
        var headers = new InteractionHeaders(request.Headers[InteractionHeaders.SignatureHeader].ToString(), request.Headers[InteractionHeaders.TimestampHeader].ToString());
        InteractionResponse response = await handler.HandleAsync(headers, request.Body, request.ContentLength, cancellationToken);
        return Results.Content(response.Body, InteractionResponse.ContentType, Encoding.UTF8, response.StatusCode);
    }

    private static async Task<IResult> GetRunAsync(string instanceId, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            // Checked before the store sees it: a traversal or oversized id is the caller's mistake (400), not a server error.
            return Results.Json(new { error = InstanceIds.Problem(instanceId) }, statusCode: StatusCodes.Status400BadRequest);
        }

        InstanceStatus? status = await workflows.GetStatusAsync(instanceId, cancellationToken);
        return status is null
            ? Results.Json(RunStatusView.NotFound(instanceId), statusCode: 404)
            : Results.Json(RunStatusView.From(status), AutoIntelJson.Indented);
    }

    private static async Task<IResult> GetHealthAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        HealthSummary summary = AutoIntelHealth.Summarize(await health.CheckHealthAsync(cancellationToken));
        return Results.Json(summary, AutoIntelJson.Indented, statusCode: summary.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
