using AutoIntel.Cli.Hosting;
using AutoIntel.Cli.Serve;
using AutoIntel.Core.Runs;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Interactions;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;
using Microsoft.Extensions.DependencyInjection;

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
        app.Services.GetRequiredService<IRunStatistics>().Should().BeOfType<RuntimeRunStatistics>();
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
        app.Services.GetRequiredService<IRunStatistics>().Should().BeOfType<RuntimeRunStatistics>();
    }

    [Fact]
    public async Task RunStatistics_AfterOneCompletedRun_CountsItsStagesAndStatus()
    {
        await using var app = AutoIntelApp.Create(new AppSettings(_data.Path));
        var start = await app.Runtime.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(RepoPaths.Sample("article.html"), Depth.Quick), "stats-1");
        var final = await app.Runtime.WaitForCompletionAsync(start.InstanceId, CancellationToken.None);

        var snapshot = await app.Services.GetRequiredService<IRunStatistics>().GetSnapshotAsync();

        final.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        snapshot.RunsByStatus.Should().Equal(new Dictionary<string, long> { ["completed"] = 1 });
        snapshot.Stages.Select(s => s.Stage).Should().Contain(["acquire", "transcribe", "segment", "analyse", "fact-check", "brief"]);
        snapshot.Stages.Should().OnlyContain(s => s.Count == 1 && s.TotalMilliseconds >= 0);
        snapshot.LlmCalls.Should().Be(0, "the offline analyzers make no LLM calls");
    }
}
