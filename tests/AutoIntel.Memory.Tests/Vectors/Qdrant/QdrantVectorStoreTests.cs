using System.Net;
using System.Net.Sockets;
using System.Reflection;
using AutoIntel.Core.FactCheck;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Vectors;
using AutoIntel.Memory.Vectors.Qdrant;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QdrantClient = Qdrant.Client.QdrantClient;
using Qdrant.Client.Grpc;

namespace AutoIntel.Memory.Tests.Vectors.Qdrant;

public sealed class QdrantVectorStoreTests : IAsyncLifetime
{
    private const string Collection = "test";
    private const string QdrantName = "autointel-test";
    private FakeQdrantServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeQdrantServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void QdrantPointIds_For_IsRfcVersion5UuidOfTheId()
    {
        // Expected value computed independently: Python uuid.uuid5(UUID("5b0c3f4e-…"), "guild-a/run-1/chunk/0.1").
        string id = QdrantPointIds.For("guild-a/run-1/chunk/0.1").ToString();

        id.Should().Be("cba9229d-4fb1-52d7-953c-72e0acbf221a");
        QdrantPointIds.For("guild-a/run-1/chunk/0.1").ToString().Should().Be(id);
        QdrantPointIds.For("guild-a/run-1/chunk/0.2").ToString().Should().NotBe(id);
    }

    [Fact]
    public async Task UpsertAsync_StringIds_StoredUnderUuidsWithOriginalIdInPayloadAndReturnedAsIs()
    {
        using QdrantVectorStore store = NewStore();

        await store.UpsertAsync(Collection, [Rec("guild-a/run-1/chunk/0.1", [1, 0], ("tenant", "guild-a")), Rec("42", [0, 1])]);
        IReadOnlyList<VectorHit> hits = await store.SearchAsync(Collection, [1, 0.2f], 2);

        hits.Select(h => h.Id).Should().Equal("guild-a/run-1/chunk/0.1", "42");
        hits[0].Payload.Should().NotContainKey(QdrantVectorStore.OriginalIdKey).And.Contain("tenant", "guild-a");
        var points = _server.Points(QdrantName);
        points.Keys.Should().BeEquivalentTo([QdrantPointIds.For("guild-a/run-1/chunk/0.1").ToString(), QdrantPointIds.For("42").ToString()]);
        points[QdrantPointIds.For("42").ToString()][QdrantVectorStore.OriginalIdKey].StringValue.Should().Be("42");
    }

    [Fact]
    public void FakeServer_Methods_MatchQdrantClientStubsByNameAndMessageTypes()
    {
        // The generated client keeps each method descriptor in a static __Method_<Name> field of Points / Collections.
        var stubs = new[] { typeof(Points), typeof(Collections) }
            .SelectMany(t => t.GetFields(BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.Name.StartsWith("__Method_", StringComparison.Ordinal))
            .Select(f => (IMethod)f.GetValue(null)!)
            .ToDictionary(m => m.FullName, m => m.GetType());

        FakeQdrantServer.Methods.Should().HaveCount(8).And.OnlyContain(m => stubs.ContainsKey(m.FullName) && stubs[m.FullName] == m.GetType());
    }

    [Fact]
    public async Task FakeServer_NonUuidPointId_InvalidArgumentLikeQdrant()
    {
        using QdrantClient raw = RawClient();
        await raw.CreateCollectionAsync("raw", new VectorParams { Size = 2, Distance = Distance.Cosine });

        Func<Task> act = () => raw.UpsertAsync("raw", [new PointStruct { Id = new PointId { Uuid = "doc-1" }, Vectors = new[] { 1f, 0f } }]);

        (await act.Should().ThrowAsync<RpcException>()).Which.Status.Should().Be(new Status(StatusCode.InvalidArgument, "Unable to parse UUID: doc-1"));
    }

    [Fact]
    public async Task FakeServer_CreateExistingAndGetMissing_AlreadyExistsAndNotFoundLikeQdrant()
    {
        using QdrantClient raw = RawClient();
        await raw.CreateCollectionAsync("raw", new VectorParams { Size = 2, Distance = Distance.Cosine });

        Func<Task> create = () => raw.CreateCollectionAsync("raw", new VectorParams { Size = 2, Distance = Distance.Cosine });
        Func<Task> get = () => raw.GetCollectionInfoAsync("missing");

        (await create.Should().ThrowAsync<RpcException>()).Which.Status.Should().Be(new Status(StatusCode.AlreadyExists, "Wrong input: Collection `raw` already exists!"));
        (await get.Should().ThrowAsync<RpcException>()).Which.Status.Should().Be(new Status(StatusCode.NotFound, "Not found: Collection `missing` doesn't exist!"));
    }

    [Fact]
    public async Task UpsertAsync_FirstUpsert_CreatesCosineCollectionAndKeywordIndexesWithTenantFlag()
    {
        using QdrantVectorStore store = NewStore();

        await store.UpsertAsync(Collection, [Rec("a", [1, 0, 0], ("tenant", "t"))]);

        _server.VectorSize(QdrantName).Should().Be(3);
        IReadOnlyDictionary<string, CreateFieldIndexCollection> indexes = _server.PayloadIndexes(QdrantName);
        indexes.Keys.Should().BeEquivalentTo(MemoryPayload.FilterKeys);
        indexes.Values.Should().OnlyContain(i => i.FieldType == FieldType.Keyword && i.Wait);
        indexes[MemoryPayload.Tenant].FieldIndexParams.KeywordIndexParams.IsTenant.Should().BeTrue();
        indexes[MemoryPayload.Kind].FieldIndexParams.Should().BeNull();
    }

    [Fact]
    public async Task UpsertAsync_MoreThan256Points_SendsSeveralRequestsOfAtMost256()
    {
        using QdrantVectorStore store = NewStore();

        await store.UpsertAsync(Collection, [.. Enumerable.Range(0, 600).Select(i => Rec($"p{i}", [1, i]))]);

        _server.Requests.Where(r => r.Method == "/qdrant.Points/Upsert").Select(r => r.Points).Should().Equal(256, 256, 88);
        (await store.CountAsync(Collection)).Should().Be(600);
        (await store.DeleteAsync(Collection, [.. Enumerable.Range(0, 300).Select(i => $"p{i}")])).Should().Be(300);
        _server.Requests.Where(r => r.Method == "/qdrant.Points/Delete").Select(r => r.Points).Should().Equal(256, 44);
    }

    [Fact]
    public async Task UpsertAsync_UnavailableThenSuccess_RetriesAndStores()
    {
        using QdrantVectorStore store = NewStore();
        await store.UpsertAsync(Collection, [Rec("a", [1, 0])]);
        _server.FailNext(StatusCode.Unavailable);

        await store.UpsertAsync(Collection, [Rec("b", [0, 1])]);

        (await store.CountAsync(Collection)).Should().Be(2);
        _server.Requests.Count(r => r.Status == StatusCode.Unavailable).Should().Be(1);
    }

    [Fact]
    public async Task SearchAsync_ResourceExhaustedWithRetryAfter_WaitsThatLongThenSucceeds()
    {
        var time = new SignalingTimeProvider();
        using var store = new QdrantVectorStore(QdrantTestOptions.For(_server), time: time);
        await store.UpsertAsync(Collection, [Rec("a", [1, 0])]);
        _server.FailNext(StatusCode.ResourceExhausted, retryAfterSeconds: 1);

        Task<IReadOnlyList<VectorHit>> search = store.SearchAsync(Collection, [1, 0], 1);
        TimeSpan retryDelay = await time.NextTimerAsync();
        int attemptsWhileWaiting = _server.Requests.Count;
        time.Advance(retryDelay);
        IReadOnlyList<VectorHit> hits = await search;

        retryDelay.Should().Be(TimeSpan.FromSeconds(1), "Qdrant's retry-after, not the jittered backoff");
        _server.Requests.Should().HaveCount(attemptsWhileWaiting + 1);
        hits.Single().Id.Should().Be("a");
    }

    [Fact]
    public async Task CountAsync_RetryAfterLongerThanMax_FailsAtOnceWithResourceExhausted()
    {
        using QdrantVectorStore store = NewStore();
        _server.FailNext(StatusCode.ResourceExhausted, retryAfterSeconds: 120);

        Func<Task> act = () => store.CountAsync(Collection);

        (await act.Should().ThrowAsync<QdrantException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        _server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task CountAsync_ServerKeepsFailing_GivesUpAfterMaxRetriesWithQdrantsError()
    {
        using var store = new QdrantVectorStore(QdrantTestOptions.For(_server, maxRetries: 2));
        _server.FailNext(StatusCode.Unavailable, times: 5);

        Func<Task> act = () => store.CountAsync(Collection);

        await act.Should().ThrowAsync<QdrantException>().WithMessage("*Service Unavailable*Start Qdrant*");
        _server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Requests_ApiKeyConfigured_SentOnEveryRequest()
    {
        await using FakeQdrantServer secured = await FakeQdrantServer.StartAsync(apiKey: "s3cret");
        using var store = new QdrantVectorStore(QdrantTestOptions.For(secured, apiKey: "s3cret"), MemoryPayload.Tenant, MemoryPayload.FilterKeys);

        await store.UpsertAsync(Collection, [Rec("a", [1, 0], ("tenant", "t"))]);
        await store.SearchAsync(Collection, [1, 0], 1, Filter(("tenant", "t")));
        await store.DeleteAsync(Collection, ["a"]);

        secured.Requests.Should().HaveCountGreaterThan(5).And.OnlyContain(r => r.ApiKey == "s3cret" && r.Status != StatusCode.Unauthenticated);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Requests_ApiKeyMissingOrWrong_ThrowsSayingToCheckTheKey(string? apiKey)
    {
        await using FakeQdrantServer secured = await FakeQdrantServer.StartAsync(apiKey: "s3cret");
        using var store = new QdrantVectorStore(QdrantTestOptions.For(secured, apiKey: apiKey));

        Func<Task> act = () => store.UpsertAsync(Collection, [Rec("a", [1, 0])]);

        (await act.Should().ThrowAsync<QdrantException>().WithMessage("*Unauthenticated*Memory:Qdrant:ApiKey*"))
            .Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        secured.Requests.Should().ContainSingle("Unauthenticated is not retried");
    }

    [Fact]
    public async Task Requests_Tls_StoreWorksOverHttpsWithTheServersCertificateTrusted()
    {
        await using FakeQdrantServer tls = await FakeQdrantServer.StartAsync(certificate: LoopbackCertificate.Certificate);
        using var store = new QdrantVectorStore(QdrantTestOptions.For(tls), MemoryPayload.Tenant, MemoryPayload.FilterKeys, handler: LoopbackCertificate.TrustingHandler());

        await store.UpsertAsync(Collection, [Rec("a", [1, 0], ("tenant", "t"))]);

        tls.BaseUrl.Scheme.Should().Be(Uri.UriSchemeHttps);
        (await store.SearchAsync(Collection, [1, 0], 1, Filter(("tenant", "t")))).Single().Id.Should().Be("a");
    }

    [Fact]
    public async Task UpsertAsync_NothingListening_ThrowsNamingTheUrlAndHowToFixIt()
    {
        int port = ClosedPort();
        using var store = new QdrantVectorStore(new QdrantOptions { Url = $"http://127.0.0.1:{port}", MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

        Func<Task> act = () => store.UpsertAsync(Collection, [Rec("a", [1, 0])]);

        (await act.Should().ThrowAsync<QdrantException>()
            .WithMessage($"*http://127.0.0.1:{port}/*port 6334*Start Qdrant*Memory__Qdrant__Url*"))
            .Which.StatusCode.Should().Be(StatusCode.Unavailable);
    }

    [Fact]
    public async Task UpsertAsync_UrlIsAnHttp1Server_ThrowsNamingTheGrpcPort()
    {
        // What Memory:Qdrant:Url pointing at a plain HTTP/1.1 endpoint (a REST port, a proxy without HTTP/2) looks like.
        await using LoopbackHttpServer rest = await LoopbackHttpServer.StartAsync(app => app.Run(ctx => ctx.Response.WriteAsync("{}")), protocols: HttpProtocols.Http1);
        using var store = new QdrantVectorStore(new QdrantOptions { Url = rest.BaseAddress.ToString(), MaxRetries = 0 });

        Func<Task> act = () => store.UpsertAsync(Collection, [Rec("a", [1, 0])]);

        // How the refusal surfaces depends on timing (HTTP_1_1_REQUIRED, or the connection closing mid-preface): the advice does not.
        (await act.Should().ThrowAsync<QdrantException>().WithMessage($"*{rest.BaseAddress}*gRPC endpoint (port 6334*")).Which.StatusCode.Should().BeOneOf(StatusCode.Internal, StatusCode.Unavailable);
    }

    [Fact]
    public async Task UpsertAsync_ConcurrentFirstUpsertsFromTwoStores_OneCollectionAndEveryRecord()
    {
        using QdrantVectorStore first = NewStore();
        using QdrantVectorStore second = NewStore();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? first : second).UpsertAsync(Collection, [Rec($"r{i}", [1, i], ("tenant", $"t{i % 3}"))])));

        (await first.CountAsync(Collection)).Should().Be(16);
        _server.VectorSize(QdrantName).Should().Be(2);
        var creates = _server.Requests.Where(r => r.Method == "/qdrant.Collections/Create").ToList();
        creates.Should().HaveCountLessThanOrEqualTo(2, "each store creates at most once");
        creates.Count(r => r.Status == StatusCode.OK).Should().Be(1);
        // When the second store's lookup already finds the collection it sends no create at all, so there may be no AlreadyExists.
        creates.Where(r => r.Status is not (StatusCode.OK or StatusCode.AlreadyExists)).Should().BeEmpty();
    }

    [Fact]
    public async Task UpsertAsync_CollectionCreatedElsewhereWithAnotherSize_ThrowsNamingBothSizes()
    {
        using QdrantVectorStore other = NewStore();
        await other.UpsertAsync(Collection, [Rec("a", [1, 0])]);
        using QdrantVectorStore store = NewStore();

        Func<Task> act = () => store.UpsertAsync(Collection, [Rec("b", [1, 0, 0])]);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*holds vectors of 2 dimensions; this batch has 3*");
    }

    [Fact]
    public async Task UpsertAsync_CollectionRecreatedWithAnotherSizeBehindTheCache_QdrantsDimensionErrorBecomesClearMessage()
    {
        using QdrantVectorStore store = NewStore();
        await store.UpsertAsync(Collection, [Rec("a", [1, 0])]);
        using QdrantClient raw = RawClient();
        await raw.DeleteCollectionAsync(QdrantName);
        await raw.CreateCollectionAsync(QdrantName, new VectorParams { Size = 3, Distance = Distance.Cosine });

        Func<Task> act = () => store.UpsertAsync(Collection, [Rec("b", [0, 1])]);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*holds vectors of 3 dimensions; this batch has 2*");
    }

    [Fact]
    public async Task UpsertAsync_CollectionDeletedBehindTheCache_CreatesItAgain()
    {
        using QdrantVectorStore store = NewStore();
        await store.UpsertAsync(Collection, [Rec("a", [1, 0])]);
        using QdrantClient raw = RawClient();
        await raw.DeleteCollectionAsync(QdrantName);

        await store.UpsertAsync(Collection, [Rec("b", [0, 1])]);

        (await store.SearchAsync(Collection, [0, 1], 5)).Select(h => h.Id).Should().Equal("b");
    }

    [Fact]
    public async Task UpsertAsync_PayloadUsesReservedIdKey_Throws()
    {
        using QdrantVectorStore store = NewStore();

        Func<Task> act = () => store.UpsertAsync(Collection, [Rec("a", [1, 0], (QdrantVectorStore.OriginalIdKey, "x"))]);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*reserved*");
    }

    [Fact]
    public async Task ContentMemory_OverQdrant_RemembersAndRecallsPerTenant()
    {
        using QdrantVectorStore store = NewStore();
        using var graphs = new KnowledgeGraphStore(new InMemoryArtifactStore());
        var memory = new ContentMemory(new HashingEmbedder(), store, graphs, Options.Create(new MemoryOptions()));
        ClaimVerdict stored = MemoryFixture.Verdict(MemoryFixture.Claim("c-old", "The tram extension will cost 240 million euros."), Verdict.Refuted);

        int remembered = await memory.RememberAsync("guild-a", "run-1", "https://news.example/tram", [MemoryFixture.Article], [stored]);
        var recall = await memory.RecallClaimAsync("guild-a", MemoryFixture.Claim("c-new", "the tram extension will cost 240 million EUROS"));
        var otherTenant = await memory.RecallClaimAsync("guild-b", MemoryFixture.Claim("c-new", "the tram extension will cost 240 million EUROS"));
        var duplicate = await memory.FindNearDuplicateAsync("guild-a", "run-2", MemoryFixture.Article);

        remembered.Should().BeGreaterThan(0);
        recall.PriorVerdict.Should().BeEquivalentTo(stored);
        recall.Evidence.Should().NotBeEmpty();
        otherTenant.PriorVerdict.Should().BeNull();
        otherTenant.Evidence.Should().BeEmpty();
        duplicate.Should().NotBeNull();
        _server.VectorSize($"autointel-{memory.Collection}").Should().Be(384);
    }

    [Fact]
    public async Task AddAutoIntelMemory_QdrantUrlSet_RegistersQdrantStore()
    {
        using var dir = new TempDirectory();
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:Qdrant:Url"] = _server.BaseUrl.ToString(),
            ["Memory:Qdrant:CollectionPrefix"] = "prod-",
        }).Build();
        await using ServiceProvider sp = new ServiceCollection().AddInMemoryArtifactStore().AddAutoIntelMemory(config, dir.Path).BuildServiceProvider();

        IVectorStore store = sp.GetRequiredService<IVectorStore>();
        await sp.GetRequiredService<IContentMemory>().RememberAsync("guild-a", "run-1", "src", ["hello world"], []);

        store.Should().BeOfType<QdrantVectorStore>().Which.BaseAddress.Should().Be(_server.BaseUrl);
        _server.VectorSize($"prod-{((ContentMemory)sp.GetRequiredService<IContentMemory>()).Collection}").Should().Be(384);
        Directory.Exists(Path.Combine(dir.Path, "vectors")).Should().BeFalse();
    }

    [Fact]
    public void AddAutoIntelMemory_BadQdrantSection_FailsListingEveryProblem()
    {
        using var dir = new TempDirectory();
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:Qdrant:Url"] = "localhost:6334",
            ["Memory:Qdrant:CollectionPrefix"] = "a/b",
            ["Memory:Qdrant:Timeout"] = "-00:00:01",
        }).Build();
        using ServiceProvider sp = new ServiceCollection().AddAutoIntelMemory(config, dir.Path).BuildServiceProvider();

        Action act = () => _ = sp.GetRequiredService<IOptions<MemoryOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(3)
            .And.Contain(f => f.Contains("Memory:Qdrant:Url", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("CollectionPrefix", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("Timeout", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://qdrant.example:6334/?api-key=SECRETKEY")]
    [InlineData("https://admin:SECRETKEY@qdrant.example:6334/")]
    public void AddAutoIntelMemory_QdrantUrlWithKeyInQueryOrUserInfo_RefusedWithoutEchoingTheKey(string url)
    {
        using var dir = new TempDirectory();
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:Qdrant:Url"] = url,
        }).Build();
        using ServiceProvider sp = new ServiceCollection().AddAutoIntelMemory(config, dir.Path).BuildServiceProvider();

        Action act = () => _ = sp.GetRequiredService<IOptions<MemoryOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should()
            .Contain("https://qdrant.example:6334/").And.Contain("Memory:Qdrant:ApiKey").And.NotContain("SECRETKEY");
    }

    /// <summary>The official client straight on the fake, to act as another process would.</summary>
    private QdrantClient RawClient() => new(_server.BaseUrl);

    private QdrantVectorStore NewStore() => new(QdrantTestOptions.For(_server), MemoryPayload.Tenant, MemoryPayload.FilterKeys);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static VectorRecord Rec(string id, float[] vector, params (string Key, string Value)[] payload) =>
        new(id, vector, payload.ToDictionary(p => p.Key, p => p.Value));

    private static Dictionary<string, string> Filter(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
