using AutoIntel.Core;
using AutoIntel.TestKit;
using Microsoft.Extensions.Options;

namespace AutoIntel.Storage.Tests;

public sealed class FileArtifactStoreTests : ArtifactStoreContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileArtifactStore _store;

    public FileArtifactStoreTests() =>
        _store = new FileArtifactStore(Options.Create(new FileArtifactStoreOptions { RootPath = _temp.Combine("store") }));

    protected override IArtifactStore Store => _store;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PutAsync_WritesFileUnderRoot_LeavesNoStagingFiles()
    {
        await _store.PutAsync("runs/r1/source.html", new byte[] { 60, 62 }, "text/html");

        string expected = Path.Combine(_store.RootPath, "runs", "r1", "source.html");
        File.Exists(expected).Should().BeTrue();
        Directory.GetFiles(Path.GetDirectoryName(expected)!).Should().ContainSingle();
    }

    [Fact]
    public async Task GetAsync_FileOutsideRoot_NotReachable()
    {
        await File.WriteAllTextAsync(_temp.Combine("secret.txt"), "secret");

        Func<Task> act = () => _store.GetAsync("../secret.txt");

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*'..'*");
    }

    [Fact]
    public async Task ListAsync_IgnoresStagingAndHiddenFiles()
    {
        await _store.PutAsync("runs/r1/a.txt", new byte[] { 1 }, "text/plain");
        await File.WriteAllTextAsync(Path.Combine(_store.RootPath, "runs", "r1", ".a.txt.0123.tmp"), "half");

        (await _store.ListAsync("runs/")).Should().Equal("runs/r1/a.txt");
    }

    [Fact]
    public async Task DeletePrefixAsync_RemovesEmptiedFolders()
    {
        await _store.PutAsync("runs/r1/deep/a.txt", new byte[] { 1 }, "text/plain");

        await _store.DeletePrefixAsync("runs/r1/");

        Directory.Exists(Path.Combine(_store.RootPath, "runs", "r1")).Should().BeFalse();
    }

    [Fact]
    public async Task PutAsync_Cancelled_LeavesPreviousVersion()
    {
        await _store.PutAsync("runs/r1/a.txt", new byte[] { 1 }, "text/plain");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Func<Task> act = () => _store.PutAsync("runs/r1/a.txt", new byte[] { 2 }, "text/plain", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await _store.GetAsync("runs/r1/a.txt")).Should().Equal(1);
        (await _store.ListAsync("runs/r1/")).Should().Equal("runs/r1/a.txt");
    }

    [Fact]
    public void Constructor_EmptyRoot_Throws()
    {
        Action act = () => _ = new FileArtifactStore(Options.Create(new FileArtifactStoreOptions()));

        act.Should().Throw<ArgumentException>().WithMessage("*RootPath*");
    }

    [Fact]
    public async Task TryPutAsync_TwoStoresOnOneFolder_LoseNoUpdate()
    {
        // Two stores on one folder stand for two processes: each lock is its own open of the lock file, as another process's would be.
        var other = new FileArtifactStore(Options.Create(new FileArtifactStoreOptions { RootPath = _store.RootPath }));

        await Task.WhenAll(new[] { _store, other }.Select(store => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                await IncrementAsync(store, "memory/counter.txt");
            }
        })));

        (await _store.GetTextAsync("memory/counter.txt")).Should().Be("50");
        (await other.ListAsync("memory/")).Should().Equal("memory/counter.txt");
    }

    [Fact]
    public async Task TryPutAsync_LockHeldByAnotherWriter_WaitsForIt()
    {
        await _store.TryPutAsync("memory/g.json", new byte[] { 1 }, "application/json", expectedVersion: null);
        string version = (await _store.GetVersionedAsync("memory/g.json"))!.Version;
        string lockPath = Path.Combine(_store.RootPath, "memory", ".g.json.lock");

        Task<bool> write;
        using (new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            write = _store.TryPutAsync("memory/g.json", new byte[] { 2 }, "application/json", version);
            await Task.Delay(200);
            write.IsCompleted.Should().BeFalse("the lock is held, as another process mid-update would hold it");
        }

        (await write).Should().BeTrue();
        (await _store.GetAsync("memory/g.json")).Should().Equal(2);
    }

    [Fact]
    public async Task GetVersionedAsync_VersionIsContentHash()
    {
        await _store.PutAsync("a/one.txt", "same"u8.ToArray(), "text/plain");
        await _store.PutAsync("b/two.txt", "same"u8.ToArray(), "text/plain");

        string one = (await _store.GetVersionedAsync("a/one.txt"))!.Version;
        string two = (await _store.GetVersionedAsync("b/two.txt"))!.Version;

        one.Should().Be(two).And.HaveLength(64);
    }
}
