using AutoIntel.Memory.Graph;
using AutoIntel.Storage;
using AutoIntel.Storage.AzureBlob;
using AutoIntel.TestKit;

namespace AutoIntel.Memory.Tests.Graph;

/// <summary>Two "hosts", each with its own Blob client and graph store, updating one tenant's graph in one container on Azurite.</summary>
public sealed class KnowledgeGraphStoreAzuriteTests : IClassFixture<AzuriteServer>
{
    private readonly AzureBlobArtifactStore _hostA;
    private readonly AzureBlobArtifactStore _hostB;

    public KnowledgeGraphStoreAzuriteTests(AzuriteServer azurite)
    {
        string container = "graph" + Guid.NewGuid().ToString("N");
        _hostA = new AzureBlobArtifactStore(new StorageOptions { Kind = StorageOptions.AzureBlobKind, ConnectionString = azurite.ConnectionString, Container = container });
        _hostB = new AzureBlobArtifactStore(new StorageOptions { Kind = StorageOptions.AzureBlobKind, ConnectionString = azurite.ConnectionString, Container = container });
    }

    [Fact]
    public async Task UpdateAsync_TwoHostsOnOneContainer_ShareOneGraphAndKeepEveryEdge()
    {
        using var graphsA = new KnowledgeGraphStore(_hostA);
        using var graphsB = new KnowledgeGraphStore(_hostB);

        await KnowledgeGraphStoreTests.AddEdgesConcurrentlyAsync(graphsA, graphsB, perStore: 50);

        (await graphsB.GetAsync("guild-a")).Edges.Should().HaveCount(100);
        (await _hostA.ListAsync(KnowledgeGraphStore.ArtifactPrefix)).Should().Equal(KnowledgeGraphStore.ArtifactPathOf("guild-a"));
    }
}
