using AutoIntel.Memory.Vectors;
using AutoIntel.Memory.Vectors.Qdrant;
using AutoIntel.TestKit;

namespace AutoIntel.Memory.Tests.Vectors.Qdrant;

/// <summary>The <see cref="IVectorStore"/> contract against <see cref="QdrantVectorStore"/> over the fake Qdrant.</summary>
public sealed class QdrantVectorStoreContractTests : VectorStoreContractTests, IAsyncLifetime, IDisposable
{
    private FakeQdrantServer _server = null!;
    private QdrantVectorStore _store = null!;

    protected override IVectorStore Store => _store;

    public async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync();
        _store = new QdrantVectorStore(QdrantTestOptions.For(_server), MemoryPayload.Tenant, MemoryPayload.FilterKeys);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _store.Dispose();
}

/// <summary>Options pointing at a fake server, with retry delays short enough for tests.</summary>
internal static class QdrantTestOptions
{
    public static QdrantOptions For(FakeQdrantServer server, string? apiKey = null, int maxRetries = 3) => new()
    {
        Url = server.BaseUrl.ToString(),
        ApiKey = apiKey,
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        Timeout = TimeSpan.FromSeconds(20),
    };
}
