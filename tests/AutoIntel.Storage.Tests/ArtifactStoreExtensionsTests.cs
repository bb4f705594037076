using System.Text;
using AutoIntel.Core;

namespace AutoIntel.Storage.Tests;

public sealed class ArtifactStoreExtensionsTests
{
    private readonly InMemoryArtifactStore _store = new();

    [Fact]
    public async Task PutJsonAsync_RoundTrip_UsesCamelCaseJson()
    {
        var value = new ArtifactRef("runs/r1/x.json", 12, "application/json");

        ArtifactRef stored = await _store.PutJsonAsync("runs/r1/ref.json", value);
        ArtifactRef back = await _store.GetJsonAsync<ArtifactRef>("runs/r1/ref.json");
        string raw = await _store.GetTextAsync("runs/r1/ref.json");

        back.Should().Be(value);
        raw.Should().Contain("\"mediaType\"");
        stored.MediaType.Should().Be("application/json");
    }

    [Fact]
    public async Task GetJsonAsync_InvalidJson_ThrowsInvalidData()
    {
        await _store.PutTextAsync("bad.json", "{ not json");

        Func<Task> act = () => _store.GetJsonAsync<ArtifactRef>("bad.json");

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*bad.json*");
    }

    [Fact]
    public async Task GetJsonAsync_JsonNull_ThrowsInvalidData()
    {
        await _store.PutTextAsync("null.json", "null");

        Func<Task> act = () => _store.GetJsonAsync<ArtifactRef>("null.json");

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*null*");
    }

    [Fact]
    public async Task ReadJsonListAsync_ReadsEveryItemInOrder()
    {
        ArtifactRef[] items = [.. Enumerable.Range(0, 3_000).Select(i => new ArtifactRef($"runs/r1/{i}.json", i, "application/json"))];
        await _store.PutJsonAsync("list.json", items);

        var read = await _store.ReadJsonListAsync<ArtifactRef>("list.json").ToListAsync();

        read.Should().Equal(items);
    }

    [Theory]
    [InlineData("[{\"path\":\"a\",\"length\":1,\"mediaType\":\"x\"}, { not json")]
    [InlineData("{\"path\":\"a\"}")]
    [InlineData("[{\"path\":\"a\",\"length\":1,\"mediaType\":\"x\"}")]
    public async Task ReadJsonListAsync_NotAJsonList_ThrowsInvalidDataNamingTheArtifact(string text)
    {
        await _store.PutTextAsync("runs/r1/bad.json", text);

        Func<Task> act = () => _store.ReadJsonListAsync<ArtifactRef>("runs/r1/bad.json").ToListAsync().AsTask();

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("Artifact 'runs/r1/bad.json' is not a valid JSON list of ArtifactRef*");
    }

    [Fact]
    public async Task ReadJsonListAsync_NullItem_ThrowsInvalidData()
    {
        await _store.PutTextAsync("nulls.json", "[null]");

        Func<Task> act = () => _store.ReadJsonListAsync<ArtifactRef>("nulls.json").ToListAsync().AsTask();

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*null at position 0*");
    }

    [Fact]
    public async Task PutTextAsync_StoresUtf8WithoutBom_GetTextDropsBom()
    {
        await _store.PutTextAsync("t.txt", "Grüße ✓");
        byte[] withBom = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("x")];
        await _store.PutAsync("bom.txt", withBom, "text/plain");

        (await _store.GetAsync("t.txt")).Should().Equal(Encoding.UTF8.GetBytes("Grüße ✓"));
        (await _store.GetTextAsync("t.txt")).Should().Be("Grüße ✓");
        (await _store.GetTextAsync("bom.txt")).Should().Be("x");
    }
}
