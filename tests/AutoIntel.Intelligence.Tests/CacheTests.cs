using AutoIntel.Intelligence.Cache;
using AutoIntel.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Intelligence.Tests;

public sealed class CacheTests
{
    private static readonly string[] Families = ["gpt"];

    private static CacheWrite Write(string baseKey, string payload = "{\"a\":1}", decimal cost = 0.01m, string tenant = "t1", float[]? vector = null) =>
        new(baseKey, tenant, CacheKeys.Partition(tenant, "summary", "v1"), "gpt", "gpt-x", payload, cost, 1500, vector);

    [Fact]
    public async Task Get_RareEntry_ExpiresAfterRareTtl_FrequentEntryLivesLonger()
    {
        var time = new FakeTimeProvider();
        var cache = new ResponseCache(new CacheOptions(), time);
        await cache.SetAsync(Write("rare"));
        await cache.SetAsync(Write("hot"));
        for (var i = 0; i < 5; i++)
        {
            cache.TryGetMemory("hot", Families).Should().NotBeNull();
        }

        time.Advance(TimeSpan.FromMinutes(6));

        cache.TryGetMemory("rare", Families).Should().BeNull();
        cache.TryGetMemory("hot", Families).Should().NotBeNull();
        time.Advance(TimeSpan.FromMinutes(50));
        cache.TryGetMemory("hot", Families).Should().NotBeNull();
    }

    [Fact]
    public async Task Set_PayloadAbove1KB_IsCompressedAndRoundTrips()
    {
        var cache = new ResponseCache(new CacheOptions(), new FakeTimeProvider());
        var payload = "{\"keyPoints\":[" + string.Join(',', Enumerable.Repeat("\"the same sentence again and again\"", 200)) + "]}";

        await cache.SetAsync(Write("big", payload));

        cache.TryGetMemory("big", Families)!.Payload.Should().Be(payload);
        cache.Bytes.Should().BeLessThan(payload.Length / 4);
    }

    [Fact]
    public async Task Set_OverByteBudget_EvictsCheapEntriesBeforeExpensiveOnes()
    {
        var cache = new ResponseCache(new CacheOptions { MaxBytes = 3 * (256 + 7) }, new FakeTimeProvider());
        await cache.SetAsync(Write("expensive-old", cost: 1m));
        await cache.SetAsync(Write("cheap", cost: 0.0001m));
        await cache.SetAsync(Write("mid", cost: 0.1m));

        await cache.SetAsync(Write("new", cost: 0.5m));

        cache.TryGetMemory("cheap", Families).Should().BeNull();
        cache.TryGetMemory("expensive-old", Families).Should().NotBeNull();
        cache.TryGetMemory("new", Families).Should().NotBeNull();
        cache.Evictions.Should().Be(1);
    }

    [Fact]
    public async Task GetExact_NewProcessSameStore_HitsPersistedTier()
    {
        var store = new TestArtifactStore();
        var time = new FakeTimeProvider();
        await new ResponseCache(new CacheOptions(), time, store).SetAsync(Write("k", tenant: "guild-a"));

        var fresh = new ResponseCache(new CacheOptions(), time, store);
        var hit = await fresh.GetExactAsync("k", "guild-a", Families);

        hit!.Tier.Should().Be(CacheTier.Persisted);
        (await fresh.GetExactAsync("k", "guild-a", Families))!.Tier.Should().Be(CacheTier.Memory);
        store.Paths.Should().OnlyContain(p => p.StartsWith(ResponseCache.StorePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetSemantic_SimilarVectorSamePartition_HitsOnlyThere()
    {
        using var cache = new ResponseCache(new CacheOptions(), new FakeTimeProvider());
        var text = string.Join(' ', Enumerable.Range(0, 120).Select(i => $"word{i}"));
        await cache.SetAsync(Write("k", vector: await cache.EmbedAsync(text)));

        var near = await cache.EmbedAsync(text.Replace("word57", "changed", StringComparison.Ordinal));
        var far = await cache.EmbedAsync("something else entirely about cooking pasta");

        (await cache.GetSemanticAsync("t1", CacheKeys.Partition("t1", "summary", "v1"), near, Families))!.Similarity.Should().BeGreaterThanOrEqualTo(0.95);
        (await cache.GetSemanticAsync("t1", CacheKeys.Partition("t1", "summary", "v1"), far, Families)).Should().BeNull();
        (await cache.GetSemanticAsync("t2", CacheKeys.Partition("t2", "summary", "v1"), near, Families)).Should().BeNull();
        (await cache.GetSemanticAsync("t1", CacheKeys.Partition("t1", "summary", "v1"), near, ["other-family"])).Should().BeNull();
    }

    [Fact]
    public async Task GetSemantic_NewProcessSameStore_RebuildsIndexFromPersistedTier()
    {
        var store = new TestArtifactStore();
        var time = new FakeTimeProvider();
        var text = string.Join(' ', Enumerable.Range(0, 120).Select(i => $"word{i}"));
        var partition = CacheKeys.Partition("t1", "summary", "v1");
        using (var first = new ResponseCache(new CacheOptions(), time, store))
        {
            await first.SetAsync(Write("k", payload: "{\"from\":\"first\"}", vector: await first.EmbedAsync(text)));
        }

        using var restarted = new ResponseCache(new CacheOptions(), time, store);
        var near = await restarted.EmbedAsync(text.Replace("word57", "changed", StringComparison.Ordinal));

        var hit = await restarted.GetSemanticAsync("t1", partition, near, Families);

        hit!.Tier.Should().Be(CacheTier.Semantic);
        hit.Payload.Should().Be("{\"from\":\"first\"}");
        time.Advance(TimeSpan.FromHours(2));
        using var later = new ResponseCache(new CacheOptions(), time, store);
        (await later.GetSemanticAsync("t1", partition, near, Families)).Should().BeNull("persisted entries expire after the longest TTL");
    }

    [Fact]
    public void Keys_DifferentTenantsOrWhitespace_CollideOnlyOnWhitespace()
    {
        var a = CacheKeys.Base("guild-1", "summary", "v1", "{}", 0, "Hello   world\n");
        var b = CacheKeys.Base("guild-1", "summary", "v1", "{}", 0, "Hello world");
        var c = CacheKeys.Base("guild-2", "summary", "v1", "{}", 0, "Hello world");
        var d = CacheKeys.Base("guild-1", "summary", "v1", "{}", 0.7, "Hello world");

        a.Should().Be(b);
        c.Should().NotBe(b);
        d.Should().NotBe(b);
    }

    [Fact]
    public async Task SingleFlight_ConcurrentSameKey_RunsWorkOnce()
    {
        var flight = new SingleFlight<int>();
        var runs = 0;
        var gate = new TaskCompletionSource();

        var tasks = Enumerable.Range(0, 5).Select(_ => flight.RunAsync("k", async () =>
        {
            Interlocked.Increment(ref runs);
            await gate.Task;
            return 42;
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(tasks);

        runs.Should().Be(1);
        results.Should().OnlyContain(r => r.Value == 42);
        results.Count(r => r.Shared).Should().Be(4);
    }
}
