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
