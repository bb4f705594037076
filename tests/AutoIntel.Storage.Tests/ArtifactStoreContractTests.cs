using System.Text;
using AutoIntel.Core;

namespace AutoIntel.Storage.Tests;

/// <summary>Behaviour every <see cref="IArtifactStore"/> must share; each implementation runs these through a subclass.</summary>
public abstract class ArtifactStoreContractTests
{
    protected abstract IArtifactStore Store { get; }

    [Fact]
    public async Task PutAsync_ThenGetAsync_ReturnsSameBytesAndRef()
    {
        byte[] content = Encoding.UTF8.GetBytes("hello artifact");

        ArtifactRef stored = await Store.PutAsync("runs/r1/source.txt", content, "text/plain");
        byte[] read = await Store.GetAsync("runs/r1/source.txt");

        read.Should().Equal(content);
        stored.Should().Be(new ArtifactRef("runs/r1/source.txt", content.Length, "text/plain"));
    }

    [Fact]
    public async Task PutStreamAsync_SeveralMegabytes_OpenReadAsyncReturnsSameBytesAndRef()
    {
        // Over 4 MiB, so a block blob is staged in more than one block before it is committed.
        byte[] content = new byte[5 * 1024 * 1024 + 17];
        new Random(14).NextBytes(content);

        ArtifactRef stored = await Store.PutStreamAsync(
            "runs/r1/big.bin",
            async (stream, token) =>
            {
                for (int at = 0; at < content.Length; at += 100_000)
                {
                    await stream.WriteAsync(content.AsMemory(at, Math.Min(100_000, content.Length - at)), token);
                    await stream.FlushAsync(token);
                }
            },
            "application/octet-stream");
        await using Stream read = await Store.OpenReadAsync("runs/r1/big.bin");
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);

        copy.ToArray().Should().Equal(content);
        stored.Should().Be(new ArtifactRef("runs/r1/big.bin", content.Length, "application/octet-stream"));
        (await Store.GetAsync("runs/r1/big.bin")).Should().Equal(content);
    }

    [Fact]
    public async Task PutStreamAsync_WriterThrowsHalfway_KeepsTheEarlierArtifact()
    {
        await Store.PutAsync("runs/r1/t.json", Encoding.UTF8.GetBytes("old"), "application/json");

        Func<Task> act = () => Store.PutStreamAsync(
            "runs/r1/t.json",
            async (stream, token) =>
            {
                await stream.WriteAsync(new byte[5 * 1024 * 1024], token);
                throw new InvalidOperationException("parse failed");
            },
            "application/json");

        await act.Should().ThrowAsync<InvalidOperationException>();
        Encoding.UTF8.GetString(await Store.GetAsync("runs/r1/t.json")).Should().Be("old");
        (await Store.ListAsync("runs/r1/")).Should().Equal("runs/r1/t.json");
    }

    [Fact]
    public async Task OpenReadAsync_Missing_ThrowsFileNotFound()
    {
        Func<Task> act = () => Store.OpenReadAsync("runs/none/missing.json");

        await act.Should().ThrowAsync<FileNotFoundException>().WithMessage("*runs/none/missing.json*");
    }

    [Fact]
    public async Task PutAsync_Twice_OverwritesWithLatest()
    {
        await Store.PutAsync("a/b.bin", new byte[] { 1, 2, 3 }, "application/octet-stream");
        await Store.PutAsync("a/b.bin", new byte[] { 9 }, "application/octet-stream");

        (await Store.GetAsync("a/b.bin")).Should().Equal(9);
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsFileNotFound()
    {
        Func<Task> act = () => Store.GetAsync("runs/none/missing.json");

        await act.Should().ThrowAsync<FileNotFoundException>().WithMessage("*runs/none/missing.json*");
    }

    [Fact]
    public async Task ExistsAsync_ReflectsPutAndDelete()
    {
        await Store.PutAsync("runs/x/one.txt", new byte[] { 1 }, "text/plain");

        bool before = await Store.ExistsAsync("runs/x/one.txt");
        await Store.DeletePrefixAsync("runs/x/");
        bool after = await Store.ExistsAsync("runs/x/one.txt");

        before.Should().BeTrue();
        after.Should().BeFalse();
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsOrdinalOrderAndOnlyMatches()
    {
        foreach (string path in new[] { "runs/r1/b.txt", "runs/r1/B.txt", "runs/r1/a/z.txt", "runs/r10/c.txt", "runs/r2/d.txt", "other/e.txt" })
        {
            await Store.PutAsync(path, new byte[] { 1 }, "text/plain");
        }

        IReadOnlyList<string> underFolder = await Store.ListAsync("runs/r1/");
        IReadOnlyList<string> byStringPrefix = await Store.ListAsync("runs/r1");
        IReadOnlyList<string> all = await Store.ListAsync(string.Empty);

        underFolder.Should().Equal("runs/r1/B.txt", "runs/r1/a/z.txt", "runs/r1/b.txt");
        byStringPrefix.Should().Equal("runs/r1/B.txt", "runs/r1/a/z.txt", "runs/r1/b.txt", "runs/r10/c.txt");
        all.Should().HaveCount(6).And.BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task ListAsync_UnknownPrefix_ReturnsEmpty()
    {
        (await Store.ListAsync("nothing/here/")).Should().BeEmpty();
    }

    [Fact]
    public async Task DeletePrefixAsync_DeletesOnlyUnderPrefix_ReturnsCount()
    {
        await Store.PutAsync("runs/r1/a.txt", new byte[] { 1 }, "text/plain");
        await Store.PutAsync("runs/r1/sub/b.txt", new byte[] { 1 }, "text/plain");
        await Store.PutAsync("runs/r2/c.txt", new byte[] { 1 }, "text/plain");

        int deleted = await Store.DeletePrefixAsync("runs/r1/");

        deleted.Should().Be(2);
        (await Store.ListAsync(string.Empty)).Should().Equal("runs/r2/c.txt");
    }

    [Fact]
    public async Task DeletePrefixAsync_EmptyPrefix_Refused()
    {
        Func<Task> act = () => Store.DeletePrefixAsync(string.Empty);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*non-empty prefix*");
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("runs/../../escape.txt")]
    [InlineData("runs/./a.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("C:escape.txt")]
    [InlineData("runs\\..\\escape.txt")]
    [InlineData("runs//a.txt")]
    [InlineData("runs/a/")]
    [InlineData("")]
    [InlineData("runs/.hidden")]
    [InlineData("runs/a\0b")]
    public async Task PutAsync_InvalidPath_ThrowsArgumentExceptionAndWritesNothing(string path)
    {
        Func<Task> act = () => Store.PutAsync(path, new byte[] { 1 }, "text/plain");

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("Artifact path*");
        (await Store.ListAsync(string.Empty)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/runs/")]
    [InlineData("runs//")]
    public async Task ListAsync_InvalidPrefix_ThrowsArgumentException(string prefix)
    {
        Func<Task> act = () => Store.ListAsync(prefix);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task PutAsync_ConcurrentWritersSamePath_ReaderSeesOneCompleteVersion()
    {
        const int Writers = 16;
        const int Size = 64 * 1024;
        byte[][] versions = Enumerable.Range(0, Writers).Select(i => Enumerable.Repeat((byte)i, Size).ToArray()).ToArray();

        await Task.WhenAll(versions.Select(v => Task.Run(() => Store.PutAsync("runs/c/shared.bin", v, "application/octet-stream"))));
        byte[] result = await Store.GetAsync("runs/c/shared.bin");

        result.Should().HaveCount(Size);
        result.Distinct().Should().ContainSingle("a reader must see exactly one writer's bytes, never a mix");
        (await Store.ListAsync("runs/c/")).Should().Equal("runs/c/shared.bin");
    }

    [Fact]
    public async Task PutAsync_ConcurrentWritersDistinctPaths_AllStored()
    {
        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => Store.PutAsync($"runs/p/{i:D2}.txt", new[] { (byte)i }, "text/plain"))));

        IReadOnlyList<string> listed = await Store.ListAsync("runs/p/");

        listed.Should().HaveCount(32);
        (await Store.GetAsync("runs/p/17.txt")).Should().Equal(17);
    }

    [Fact]
    public async Task GetVersionedAsync_Missing_ReturnsNull()
    {
        (await Store.GetVersionedAsync("memory/graph/none.json")).Should().BeNull();
    }

    [Fact]
    public async Task TryPutAsync_CreateIfAbsent_SucceedsOnceThenFails()
    {
        bool first = await Store.TryPutAsync("memory/g.json", new byte[] { 1 }, "application/json", expectedVersion: null);
        bool second = await Store.TryPutAsync("memory/g.json", new byte[] { 2 }, "application/json", expectedVersion: null);

        first.Should().BeTrue();
        second.Should().BeFalse();
        VersionedArtifact? stored = await Store.GetVersionedAsync("memory/g.json");
        stored!.Content.Should().Equal(1);
        stored.Version.Should().NotBeNullOrEmpty();
        (await Store.GetAsync("memory/g.json")).Should().Equal(1);
    }

    [Fact]
    public async Task TryPutAsync_CurrentVersionSucceeds_StaleVersionFails()
    {
        await Store.TryPutAsync("memory/g.json", new byte[] { 1 }, "application/json", expectedVersion: null);
        VersionedArtifact v1 = (await Store.GetVersionedAsync("memory/g.json"))!;

        bool update = await Store.TryPutAsync("memory/g.json", new byte[] { 2 }, "application/json", v1.Version);
        bool stale = await Store.TryPutAsync("memory/g.json", new byte[] { 3 }, "application/json", v1.Version);

        update.Should().BeTrue();
        stale.Should().BeFalse("another write happened since v1 was read");
        VersionedArtifact v2 = (await Store.GetVersionedAsync("memory/g.json"))!;
        v2.Content.Should().Equal(2);
        v2.Version.Should().NotBe(v1.Version);
    }

    [Fact]
    public async Task TryPutAsync_AfterUnconditionalPut_OldVersionFails()
    {
        await Store.PutAsync("memory/g.json", new byte[] { 1 }, "application/json");
        VersionedArtifact v1 = (await Store.GetVersionedAsync("memory/g.json"))!;
        await Store.PutAsync("memory/g.json", new byte[] { 2 }, "application/json");

        bool stale = await Store.TryPutAsync("memory/g.json", new byte[] { 3 }, "application/json", v1.Version);

        stale.Should().BeFalse();
        (await Store.GetAsync("memory/g.json")).Should().Equal(2);
    }

    [Fact]
    public async Task TryPutAsync_VersionButArtifactAbsent_Fails()
    {
        await Store.PutAsync("memory/g.json", new byte[] { 1 }, "application/json");
        string version = (await Store.GetVersionedAsync("memory/g.json"))!.Version;
        await Store.DeletePrefixAsync("memory/");

        bool written = await Store.TryPutAsync("memory/g.json", new byte[] { 2 }, "application/json", version);

        written.Should().BeFalse();
        (await Store.ExistsAsync("memory/g.json")).Should().BeFalse();
    }

    [Fact]
    public async Task TryPutAsync_InvalidPath_ThrowsArgumentException()
    {
        Func<Task> act = () => Store.TryPutAsync("../escape.json", new byte[] { 1 }, "application/json", expectedVersion: null);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("Artifact path*");
    }

    [Fact]
    public async Task TryPutAsync_ConcurrentCreators_ExactlyOneWins()
    {
        bool[] results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => Store.TryPutAsync("memory/race.json", new[] { (byte)i }, "application/json", expectedVersion: null))));

        results.Count(r => r).Should().Be(1);
        byte winner = (byte)Array.IndexOf(results, true);
        (await Store.GetAsync("memory/race.json")).Should().Equal(winner);
    }

    [Fact]
    public async Task TryPutAsync_ConcurrentUpdatersFromOneVersion_ExactlyOneWins()
    {
        await Store.TryPutAsync("memory/race.json", new byte[] { 100 }, "application/json", expectedVersion: null);
        string version = (await Store.GetVersionedAsync("memory/race.json"))!.Version;

        bool[] results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => Store.TryPutAsync("memory/race.json", new[] { (byte)i }, "application/json", version))));

        results.Count(r => r).Should().Be(1);
        (await Store.GetAsync("memory/race.json")).Should().Equal((byte)Array.IndexOf(results, true));
    }

    [Fact]
    public async Task TryPutAsync_ConcurrentReadModifyWrite_LosesNoUpdate()
    {
        const int Writers = 4;
        const int Increments = 10;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < Increments; i++)
            {
                await IncrementAsync(Store, "memory/counter.txt");
            }
        })));

        (await Store.GetTextAsync("memory/counter.txt")).Should().Be((Writers * Increments).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Adds one to a decimal counter artifact, retrying on conflicts as an optimistic writer does.</summary>
    protected static async Task IncrementAsync(IArtifactStore store, string path)
    {
        while (true)
        {
            VersionedArtifact? current = await store.GetVersionedAsync(path);
            int value = current is null ? 0 : int.Parse(Encoding.UTF8.GetString(current.Content), System.Globalization.CultureInfo.InvariantCulture);
            byte[] next = Encoding.UTF8.GetBytes((value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (await store.TryPutAsync(path, next, "text/plain", current?.Version))
            {
                return;
            }
        }
    }
}
