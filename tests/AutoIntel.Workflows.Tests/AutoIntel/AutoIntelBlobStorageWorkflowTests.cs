using AutoIntel.Core.Runs;
using AutoIntel.Storage.AzureBlob;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>The real /autointel workflow with <c>Storage:Kind=azureblob</c>: every artifact goes to Azurite, none to the data folder.</summary>
public sealed class AutoIntelBlobStorageWorkflowTests : IClassFixture<AzuriteServer>
{
    private static readonly string Podcast = RepoPaths.Sample("podcast-transcript.srt");

    private readonly AzuriteServer _azurite;

    public AutoIntelBlobStorageWorkflowTests(AzuriteServer azurite) => _azurite = azurite;

    [Fact]
    public async Task Run_ArtifactsInAzurite_ProducesBriefingReadBackFromBlobs()
    {
        string container = "wf" + Guid.NewGuid().ToString("N");
        await using var harness = new AutoIntelHarness(settings: new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "azureblob",
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Storage:Container"] = container,
        });

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Standard));

        var briefing = await harness.BriefingOfAsync(status);
        Intelligence.Analyses.SummaryAnalysis.In(briefing.Sections).Text.Should().NotBeNullOrWhiteSpace();
        var store = harness.Artifacts.Should().BeOfType<AzureBlobArtifactStore>().Which;
        store.Container.Should().Be(container);
        (await store.ListAsync($"runs/{status.InstanceId}/stages/")).Should().HaveCount(3);
        (await store.GetPropertiesAsync($"runs/{status.InstanceId}/briefing.md"))!.MediaType.Should().StartWith("text/markdown");
    }
}
