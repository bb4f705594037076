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
}
