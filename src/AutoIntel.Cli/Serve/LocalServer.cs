using System.Buffers;
using System.Text;
using AutoIntel.Core.Serialization;
using AutoIntel.Discord.Interactions;
using AutoIntel.Workflows.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Cli.Serve;

/// <summary>The local HTTP host of <c>autointel serve</c>: the Discord interactions endpoint, run status, health and Prometheus metrics.</summary>
public static class LocalServer
{
    /// <summary>Largest request body Kestrel accepts; the interactions handler enforces its own smaller limit.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Builds (does not start) the server.</summary>
    /// <param name="urls">Listen addresses, e.g. <c>http://127.0.0.1:7071</c> (port 0 picks a free one).</param>
    /// <param name="configureServices">Registers the host's services: <c>AddAutoIntelDiscord</c>, an <see cref="IWorkflowClient"/>, an artifact store and optionally an <see cref="IRunStatistics"/>.</param>
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
        builder.Services.AddSingleton<RequestMetrics>();
        configureServices(builder.Services);

        WebApplication app = builder.Build();
        app.Use(async (context, next) =>
        {
            await next(context);
            string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            context.RequestServices.GetRequiredService<RequestMetrics>().Record(route, context.Request.Method, context.Response.StatusCode);
        });

        app.MapPost("/api/interactions", HandleInteractionAsync);
        app.MapGet("/api/runs/{instanceId}", GetRunAsync);
        app.MapGet("/health", () => Results.Json(new { status = "ok" }));
        app.MapGet("/metrics", GetMetricsAsync);
        return app;
    }

    private static async Task<IResult> HandleInteractionAsync(HttpContext context, InteractionHandler handler, CancellationToken cancellationToken)
    {
        HttpRequest request = context.Request;
        if (request.ContentLength > InteractionHandler.MaxBodyBytes)
        {
            return Results.Json(new { error = "request body too large" }, statusCode: 400);
        }

        // Read at most one byte past the limit, so an oversized chunked body is refused without buffering it.
        byte[]? body = await ReadBoundedAsync(request.Body, InteractionHandler.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.Json(new { error = "request body too large" }, statusCode: 400);
        }

        var headers = new InteractionHeaders(request.Headers[InteractionHeaders.SignatureHeader].ToString(), request.Headers[InteractionHeaders.TimestampHeader].ToString());
        InteractionResponse response = await handler.HandleAsync(headers, body, cancellationToken);
        return Results.Content(response.Body, InteractionResponse.ContentType, Encoding.UTF8, response.StatusCode);
    }

    private static async Task<IResult> GetRunAsync(string instanceId, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        InstanceStatus? status = await workflows.GetStatusAsync(instanceId, cancellationToken);
        if (status is null)
        {
            return Results.Json(new { error = $"no run with id {instanceId}" }, statusCode: 404);
        }

        // The input is left out on purpose: it holds the interaction token.
        var view = new
        {
            status.InstanceId,
            status.WorkflowName,
            status.RuntimeStatus,
            status.CustomStatus,
            status.Output,
            Failure = status.Failure is null ? null : new { status.Failure.ErrorType, status.Failure.Message, status.Failure.IsPermanent },
            status.CreatedAtUtc,
            status.LastUpdatedAtUtc,
            status.CompletedAtUtc,
            Activities = status.Activities.Select(a => new { a.TaskId, a.Name, a.Status, a.Attempts, a.ScheduledAtUtc, a.CompletedAtUtc, a.Error }),
        };
        return Results.Json(view, AutoIntelJson.Indented);
    }

    private static async Task<IResult> GetMetricsAsync(HttpContext context, RequestMetrics requests, CancellationToken cancellationToken)
    {
        IRunStatistics? statistics = context.RequestServices.GetService<IRunStatistics>();
        RunStatisticsSnapshot? snapshot = statistics is null ? null : await statistics.GetSnapshotAsync(cancellationToken);
        return Results.Text(PrometheusText.Render(requests, snapshot), PrometheusText.ContentType);
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            int total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(total, limit + 1 - total), cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
