using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Runs;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Interactions;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace AutoIntel.Cli.Tests.Hosting;

public sealed class AutoIntelAppTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Create_PlainHost_HasDiscordDeliveryAndRuntimeAsWorkflowClient()
    {
        await using var app = AutoIntelApp.Create(new AppSettings(_data.Path));

        app.Services.GetRequiredService<IWorkflowClient>().Should().BeSameAs(app.Runtime);
        app.Services.GetRequiredService<IRunDelivery>().Should().BeOfType<DiscordRunDelivery>();
        app.Services.GetService<MeterProvider>().Should().BeNull("without OTLP a one-shot command exports nothing, so nothing listens");
        app.Server.Should().BeNull();
    }

    [Fact]
    public async Task CreateServer_WebHost_HasTheSameCompositionOnce()
    {
        await using var app = AutoIntelApp.CreateServer(new AppSettings(_data.Path), "http://127.0.0.1:0");

        app.Server.Should().NotBeNull();
        app.Services.GetRequiredService<IWorkflowClient>().Should().BeSameAs(app.Runtime);
        app.Services.GetRequiredService<InteractionHandler>().Should().NotBeNull();
        app.Services.GetServices<IRunDelivery>().Should().ContainSingle().Which.Should().BeOfType<DiscordRunDelivery>();
        app.Services.GetService<MeterProvider>().Should().NotBeNull("serve exports /metrics through the Prometheus exporter");
    }
}
