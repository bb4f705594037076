using AutoIntel.Core;

namespace AutoIntel.Storage.Tests;

public sealed class InMemoryArtifactStoreTests : ArtifactStoreContractTests
{
    private readonly InMemoryArtifactStore _store = new();

    protected override IArtifactStore Store => _store;

    [Fact]
    public async Task PutAsync_CallerMutatesBuffer_StoredCopyUnchanged()
    {
        byte[] buffer = [1, 2, 3];
        await _store.PutAsync("a.bin", buffer, "application/octet-stream");

        buffer[0] = 42;

        (await _store.GetAsync("a.bin")).Should().Equal(1, 2, 3);
        _store.GetMediaType("a.bin").Should().Be("application/octet-stream");
    }
}
