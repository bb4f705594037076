using AutoIntel.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddFileArtifactStore_ResolvesFileStoreAtRoot()
    {
        using var temp = new TempDirectory();
        await using ServiceProvider provider = new ServiceCollection().AddFileArtifactStore(temp.Path).BuildServiceProvider();

        IArtifactStore store = provider.GetRequiredService<IArtifactStore>();
        await store.PutTextAsync("runs/r/a.txt", "hi");

        store.Should().BeOfType<FileArtifactStore>();
        File.Exists(Path.Combine(temp.Path, "runs", "r", "a.txt")).Should().BeTrue();
    }

    [Fact]
    public void AddFileArtifactStore_AfterInMemory_Replaces()
    {
        using var temp = new TempDirectory();
        using ServiceProvider provider = new ServiceCollection().AddInMemoryArtifactStore().AddFileArtifactStore(temp.Path).BuildServiceProvider();

        provider.GetRequiredService<IArtifactStore>().Should().BeOfType<FileArtifactStore>();
    }
}
