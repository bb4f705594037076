using System.Text;
using AutoIntel.Core;
using AutoIntel.Storage.AzureBlob;
using AutoIntel.TestKit;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AutoIntel.Storage.Tests.AzureBlob;

/// <summary>What the contract does not cover, against Azurite: paging, media types, names, container lifecycle, refused keys.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobArtifactStoreTests
{
    private readonly AzuriteServer _azurite;

    public AzureBlobArtifactStoreTests(AzuriteServer azurite) => _azurite = azurite;

    [Fact]
    public async Task ListAsync_MoreThanOnePage_FollowsContinuationInOrdinalOrder()
    {
        var store = NewStore(pageSize: 2);
        string[] paths = ["runs/r/e.txt", "runs/r/a.txt", "runs/r/D.txt", "runs/r/c/x.txt", "runs/r/b.txt", "runs/s/z.txt", "runs/r/f.txt"];
        foreach (string path in paths)
        {
            await store.PutTextAsync(path, path);
        }

        IReadOnlyList<string> listed = await store.ListAsync("runs/r/");

        listed.Should().Equal("runs/r/D.txt", "runs/r/a.txt", "runs/r/b.txt", "runs/r/c/x.txt", "runs/r/e.txt", "runs/r/f.txt");
    }

    [Fact]
    public async Task DeletePrefixAsync_AcrossPages_DeletesAllAndCounts()
    {
        var store = NewStore(pageSize: 3);
        for (int i = 0; i < 11; i++)
        {
            await store.PutTextAsync($"runs/big/{i:D2}.txt", "x");
        }

        await store.PutTextAsync("runs/keep/a.txt", "x");

        int deleted = await store.DeletePrefixAsync("runs/big/");

        deleted.Should().Be(11);
        (await store.ListAsync(string.Empty)).Should().Equal("runs/keep/a.txt");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("text/markdown; charset=utf-8")]
    [InlineData("application/vnd.autointel.briefing+json")]
    public async Task PutAsync_MediaType_StoredAsContentType(string mediaType)
    {
        var store = NewStore();
        byte[] content = Encoding.UTF8.GetBytes("{\"a\":1}");

        await store.PutAsync("runs/m/file", content, mediaType);
        ArtifactRef? properties = await store.GetPropertiesAsync("runs/m/file");

        properties.Should().Be(new ArtifactRef("runs/m/file", content.Length, mediaType));
    }

    [Theory]
    [InlineData("runs/r/with space.txt")]
    [InlineData("runs/r/ünïcødé-日本.txt")]
    [InlineData("runs/r/plus+percent%hash#amp&eq=.txt")]
    [InlineData("runs/r/emoji-😀.txt")]
    public async Task PutAsync_NamesNeedingEscapes_RoundTripAndList(string path)
    {
        var store = NewStore();

        await store.PutTextAsync(path, "named");

        (await store.GetTextAsync(path)).Should().Be("named");
        (await store.ListAsync("runs/r/")).Should().Equal(path);
        (await store.ExistsAsync(path)).Should().BeTrue();
    }

    [Fact]
    public async Task PutAsync_EmptyContent_StoresEmptyBlob()
    {
        var store = NewStore();

        await store.PutAsync("runs/e/empty.bin", ReadOnlyMemory<byte>.Empty, "application/octet-stream");

        (await store.GetAsync("runs/e/empty.bin")).Should().BeEmpty();
    }

    [Fact]
    public async Task PutAsync_LargeArtifact_RoundTrips()
    {
        var store = NewStore();
        byte[] content = new byte[6 * 1024 * 1024];
        new Random(7).NextBytes(content);

        await store.PutAsync("runs/l/audio.bin", content, "application/octet-stream");

        (await store.GetAsync("runs/l/audio.bin")).Should().Equal(content);
    }

    [Fact]
    public async Task Reads_BeforeContainerExists_AreAbsentAndCreateNothing()
    {
        var store = NewStore();

        Func<Task> get = () => store.GetAsync("runs/x/a.txt");

        await get.Should().ThrowAsync<FileNotFoundException>();
        (await store.ExistsAsync("runs/x/a.txt")).Should().BeFalse();
        (await store.ListAsync(string.Empty)).Should().BeEmpty();
        (await store.DeletePrefixAsync("runs/")).Should().Be(0);
    }

    [Fact]
    public async Task PutAsync_TwoStoresSameContainer_SecondCreateIsAlreadyExistsAndFine()
    {
        string container = AzuriteCollection.NewContainer();
        var first = NewStore(container: container);
        var second = NewStore(container: container);

        await first.PutTextAsync("a.txt", "1");
        await second.PutTextAsync("b.txt", "2");

        (await first.ListAsync(string.Empty)).Should().Equal("a.txt", "b.txt");
    }

    [Fact]
    public async Task Writes_ContainerDeletedUnderTheStore_CreateItAgainUnlessAVersionWasExpected()
    {
        string container = AzuriteCollection.NewContainer();
        var store = NewStore(container: container);
        await store.PutTextAsync("runs/a.txt", "1");
        VersionedArtifact before = (await store.GetVersionedAsync("runs/a.txt"))!;
        await new BlobContainerClient(_azurite.ConnectionString, container, new BlobClientOptions(AzureBlobArtifactStore.ServiceVersion)).DeleteAsync();

        bool staleUpdate = await store.TryPutAsync("runs/a.txt", Encoding.UTF8.GetBytes("2"), "text/plain", before.Version);
        await store.PutTextAsync("runs/b.txt", "3");

        staleUpdate.Should().BeFalse("the version went with the container");
        (await store.ListAsync(string.Empty)).Should().Equal("runs/b.txt");
    }

    [Fact]
    public async Task PutAsync_WrongAccountKey_FailsNamingTheAccountAndTheKey()
    {
        string wrongKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 64).ToArray());
        var store = NewStore(connectionString: _azurite.ConnectionStringWithKey(wrongKey));

        Func<Task> act = () => store.PutTextAsync("runs/a.txt", "x");

        var failure = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        failure.Status.Should().Be(403);
        failure.ErrorCode.Should().Be(BlobErrorCode.AuthorizationFailure.ToString());
        failure.Message.Should().Contain("devstoreaccount1").And.Contain("AccountKey").And.Contain("refused the credentials").And.NotContain(wrongKey);
    }

    [Fact]
    public async Task GetAsync_WrongAccountKey_IsAnAuthenticationErrorNotNotFound()
    {
        string wrongKey = Convert.ToBase64String(Enumerable.Repeat((byte)9, 64).ToArray());
        var store = NewStore(connectionString: _azurite.ConnectionStringWithKey(wrongKey));

        Func<Task> act = () => store.GetAsync("runs/missing.txt");

        (await act.Should().ThrowAsync<RequestFailedException>()).Which.Message.Should().Contain("refused the credentials");
    }

    private AzureBlobArtifactStore NewStore(int pageSize = 5000, string? container = null, string? connectionString = null)
    {
        return new AzureBlobArtifactStore(new StorageOptions
        {
            Kind = StorageOptions.AzureBlobKind,
            ConnectionString = connectionString ?? _azurite.ConnectionString,
            Container = container ?? AzuriteCollection.NewContainer(),
            ListPageSize = pageSize,
        });
    }
}
