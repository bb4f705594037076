using AutoIntel.Storage.AzureBlob;
using AutoIntel.TestKit;

namespace AutoIntel.Storage.Tests.AzureBlob;

/// <summary>The artifact store contract against Azurite, in a fresh container per test and with small List Blobs pages, so every listing pages through continuation tokens.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobArtifactStoreContractTests : ArtifactStoreContractTests
{
    private readonly AzureBlobArtifactStore _store;

    public AzureBlobArtifactStoreContractTests(AzuriteServer azurite)
    {
        _store = new AzureBlobArtifactStore(new StorageOptions
        {
            Kind = StorageOptions.AzureBlobKind,
            ConnectionString = azurite.ConnectionString,
            Container = AzuriteCollection.NewContainer(),
            ListPageSize = 5,
        });
    }

    protected override IArtifactStore Store => _store;
}
