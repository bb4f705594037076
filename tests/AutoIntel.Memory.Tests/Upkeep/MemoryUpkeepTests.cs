using Microsoft.Extensions.Time.Testing;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Recall;
using AutoIntel.Memory.Upkeep;
using AutoIntel.Memory.Vectors;
using AutoIntel.TestKit;
using Microsoft.Extensions.Options;

namespace AutoIntel.Memory.Tests.Upkeep;

public sealed class MemoryUpkeepTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly MemoryFixture _fx;
    private readonly MemoryUpkeep _upkeep;
    private readonly MemoryRecall _recall;

    public MemoryUpkeepTests()
    {
        _fx = new MemoryFixture(new MemoryOptions { RetentionDays = 30, GuildRetentionDays = { ["guild-forever"] = 0 } }, _time);
        _upkeep = new MemoryUpkeep(new HashingEmbedder(), _fx.Store, _fx.Graphs, Options.Create(_fx.Options), _time);
        _recall = new MemoryRecall(new HashingEmbedder(), _fx.Store, _fx.Graphs, Options.Create(_fx.Options));
    }

    public void Dispose()
    {
        _upkeep.Dispose();
        _fx.Dispose();
    }

    [Fact]
    public async Task RunAsync_SameArticleStoredByTwoRuns_KeepsOnlyTheOlderPassages()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "https://first.example", [MemoryFixture.Article], []);
        _time.Advance(TimeSpan.FromMinutes(5));
        await _fx.Memory.RememberAsync("guild-a", "run-2", "https://second.example", [MemoryFixture.Article + " Reported by our desk."], []);
        await _fx.Memory.RememberAsync("guild-a", "run-3", "https://bread.example", [MemoryFixture.Unrelated], []);
        long before = (await _recall.StatsAsync("guild-a")).Passages;

        UpkeepReport report = await _upkeep.RunAsync();

        TenantUpkeep tenant = report.Tenants.Should().ContainSingle().Subject;
        tenant.PassagesBefore.Should().Be((int)before);
        tenant.DuplicatesRemoved.Should().BeGreaterThan(0);
        (await _recall.StatsAsync("guild-a")).Passages.Should().Be(before - tenant.DuplicatesRemoved);
        RecallResult result = await _recall.SearchAsync("guild-a", "tram extension budget 240 million euros", 10);
        result.Passages.Select(p => p.RunId).Should().Contain("run-1").And.NotContain("run-2");
        (await _recall.SearchAsync("guild-a", "sourdough starter dough", 3)).Passages.Should().Contain(p => p.RunId == "run-3");
    }

    [Fact]
    public async Task RunAsync_SamePassagesInTwoGuilds_EachGuildKeepsItsOwn()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "a", [MemoryFixture.Article], []);
        await _fx.Memory.RememberAsync("guild-b", "run-2", "b", [MemoryFixture.Article], []);
        long perGuild = (await _recall.StatsAsync("guild-a")).Passages;

        UpkeepReport report = await _upkeep.RunAsync();

        report.DuplicatesRemoved.Should().Be(0);
        (await _recall.StatsAsync("guild-b")).Passages.Should().Be(perGuild);
    }

    [Fact]
    public async Task RunAsync_RecordsOlderThanRetention_RemovedWithTheirRunsInTheGraph()
    {
        ClaimVerdict verdict = MemoryFixture.Verdict(MemoryFixture.Claim("c-1", "Ridership doubled since 2015."), Verdict.Supported);
        await _fx.Memory.RememberAsync("guild-a", "old-run", "https://old.example", [MemoryFixture.Article], [verdict]);
        await _fx.Memory.UpdateGraphAsync("guild-a", "old-run", "https://old.example", [new Entity("Jane Doe", "person", 1)]);
        await _fx.Memory.RememberAsync("guild-forever", "kept-run", "https://kept.example", [MemoryFixture.Article], [verdict]);
        _time.Advance(TimeSpan.FromDays(31));
        await _fx.Memory.RememberAsync("guild-a", "new-run", "https://new.example", [MemoryFixture.Unrelated], []);

        UpkeepReport report = await _upkeep.RunAsync();

        TenantUpkeep a = report.Tenants.Single(t => t.Tenant == "guild-a");
        a.ExpiredRemoved.Should().BeGreaterThan(2);
        a.RunsForgotten.Should().Be(1);
        MemoryStats stats = await _recall.StatsAsync("guild-a");
        stats.Should().BeEquivalentTo(new { Runs = 1L, Claims = 0L, Entities = 0 });
        (await _recall.SearchAsync("guild-a", "tram extension", 5)).Passages.Should().NotContain(p => p.RunId == "old-run");
        report.Tenants.Single(t => t.Tenant == "guild-forever").ExpiredRemoved.Should().Be(0);
        (await _recall.StatsAsync("guild-forever")).Claims.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_OneTenantAsked_OthersUntouched()
    {
        await _fx.Memory.RememberAsync("guild-a", "run-1", "a", [MemoryFixture.Article, MemoryFixture.Article], []);
        await _fx.Memory.RememberAsync("guild-b", "run-2", "b", [MemoryFixture.Article, MemoryFixture.Article], []);
        long before = (await _recall.StatsAsync("guild-b")).Passages;

        UpkeepReport report = await _upkeep.RunAsync("guild-a");

        report.Tenants.Should().ContainSingle().Which.Tenant.Should().Be("guild-a");
        report.DuplicatesRemoved.Should().BeGreaterThan(0);
        (await _recall.StatsAsync("guild-b")).Passages.Should().Be(before);
    }

    [Fact]
    public async Task RunAsync_StoreThatCannotList_SkippedWithReason()
    {
        using var upkeep = new MemoryUpkeep(new HashingEmbedder(), new CountOnlyStore(), _fx.Graphs, Options.Create(_fx.Options), _time);

        UpkeepReport report = await upkeep.RunAsync();

        report.Skipped.Should().Contain("embedded vector store");
        report.Tenants.Should().BeEmpty();
    }

    private sealed class CountOnlyStore : IVectorStore
    {
        public Task UpsertAsync(string collection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, float[] query, int topK, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<VectorHit>>([]);

        public Task<int> DeleteAsync(string collection, IReadOnlyList<string> ids, CancellationToken cancellationToken = default) => Task.FromResult(0);

        public Task<long> CountAsync(string collection, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default) => Task.FromResult(0L);
    }
}
