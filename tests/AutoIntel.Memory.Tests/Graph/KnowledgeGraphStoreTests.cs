using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Serialization;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Text;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.Extensions.Options;

namespace AutoIntel.Memory.Tests.Graph;

/// <summary>The graph as a shared artifact: concurrent writers through separate stores, conflicts, and the import of legacy files.</summary>
public sealed class KnowledgeGraphStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task UpdateAsync_TwoStoresOverOneArtifactStore_KeepEveryEdge()
    {
        // The pause between read and write stands for a network round trip, so the two writers really do overlap.
        var artifacts = new InterferingArtifactStore { PauseBeforeTryPut = true };
        using var first = new KnowledgeGraphStore(artifacts);
        using var second = new KnowledgeGraphStore(artifacts);

        await AddEdgesConcurrentlyAsync(first, second, perStore: 50);

        KnowledgeGraph graph = await first.GetAsync("guild-a");
        graph.Edges.Should().HaveCount(100);
        graph.Runs.Should().HaveCount(100);
        (await second.GetAsync("guild-a")).Edges.Should().HaveCount(100, "both stores read the one shared graph");
        artifacts.Conflicts.Should().BeGreaterThan(0, "the writers overlapped, so some updates had to be re-applied");
    }

    [Fact]
    public async Task UpdateAsync_TwoFileStoresOnOneFolder_KeepEveryEdge()
    {
        // Two file stores on one folder stand for two processes sharing a data folder.
        using var first = new KnowledgeGraphStore(FileStore("artifacts"));
        using var second = new KnowledgeGraphStore(FileStore("artifacts"));

        await AddEdgesConcurrentlyAsync(first, second, perStore: 50);

        (await first.GetAsync("guild-a")).Edges.Should().HaveCount(100);
    }

    [Fact]
    public async Task UpdateAsync_AnotherWriterSavesFirst_ReappliesOnItsGraph()
    {
        var artifacts = new InterferingArtifactStore();
        using var store = new KnowledgeGraphStore(artifacts);
        using var other = new KnowledgeGraphStore(artifacts.Inner);
        await store.UpdateAsync("guild-a", g => Apply(g, "run-1", "Alpha", "Beta"));
        artifacts.BeforeNextTryPut = () => other.UpdateAsync("guild-a", g => Apply(g, "run-other", "Gamma", "Delta"));
        int calls = 0;

        int edges = await store.UpdateAsync("guild-a", g =>
        {
            calls++;
            return Apply(g, "run-2", "Alpha", "Gamma");
        });

        calls.Should().Be(2, "the first attempt lost the race and ran again on the winner's graph");
        edges.Should().Be(3);
        KnowledgeGraph graph = await store.GetAsync("guild-a");
        graph.Runs.Keys.Should().BeEquivalentTo("run-1", "run-other", "run-2");
        graph.Edges.Keys.Should().BeEquivalentTo("alpha|beta", "delta|gamma", "alpha|gamma");
    }

    [Fact]
    public async Task UpdateAsync_EveryAttemptConflicts_GivesUpWithAClearError()
    {
        var artifacts = new InterferingArtifactStore { AlwaysConflict = true };
        using var store = new KnowledgeGraphStore(artifacts);
        int calls = 0;

        Func<Task> act = () => store.UpdateAsync("guild-a", g => ++calls);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage($"*guild-a*{KnowledgeGraphStore.MaxAttempts} update attempts*");
        calls.Should().Be(KnowledgeGraphStore.MaxAttempts);
    }

    [Fact]
    public async Task GetAsync_LegacyFile_ImportedOnceAndRenamed()
    {
        string legacyRoot = _dir.Combine("memory", "graph");
        string legacyFile = WriteLegacyGraph(legacyRoot, "guild-a", ("run-1", "Alpha", "Beta"));
        FileArtifactStore artifacts = FileStore("artifacts");
        using var store = new KnowledgeGraphStore(artifacts, legacyRoot);

        KnowledgeGraph graph = await store.GetAsync("guild-a");

        graph.Runs.Keys.Should().Equal("run-1");
        graph.Edges.Keys.Should().Equal("alpha|beta");
        graph.Nodes["alpha"].Name.Should().Be("Alpha");
        (await artifacts.ExistsAsync(KnowledgeGraphStore.ArtifactPathOf("guild-a"))).Should().BeTrue();
        File.Exists(legacyFile).Should().BeFalse();
        File.Exists(legacyFile + ".migrated").Should().BeTrue("the legacy file is kept, under a name that is not imported again");
    }

    [Fact]
    public async Task UpdateAsync_LegacyFilesOfTwoHosts_BothMergedIntoTheSharedGraph()
    {
        // Two hosts that each kept a graph on local disk: neither loses its runs, and runs both have are not doubled.
        var artifacts = new InMemoryArtifactStore();
        string legacyA = _dir.Combine("host-a");
        string legacyB = _dir.Combine("host-b");
        WriteLegacyGraph(legacyA, "guild-a", ("run-1", "Alpha", "Beta"), ("run-shared", "Alpha", "Gamma"));
        WriteLegacyGraph(legacyB, "guild-a", ("run-2", "Beta", "Gamma"), ("run-shared", "Alpha", "Gamma"));
        using var hostA = new KnowledgeGraphStore(artifacts, legacyA);
        using var hostB = new KnowledgeGraphStore(artifacts, legacyB);

        await hostA.UpdateAsync("guild-a", g => Apply(g, "run-3", "Delta", "Alpha"));
        await hostB.UpdateAsync("guild-a", g => Apply(g, "run-4", "Delta", "Beta"));

        KnowledgeGraph graph = await hostA.GetAsync("guild-a");
        graph.Runs.Keys.Should().BeEquivalentTo("run-1", "run-2", "run-3", "run-4", "run-shared");
        graph.Edges["alpha|gamma"].Runs.Should().BeEquivalentTo(["run-shared"]);
        graph.Nodes["alpha"].Mentions.Should().Be(3);
    }

    [Fact]
    public async Task GetAsync_NoLegacyFile_WritesNothing()
    {
        var artifacts = new InMemoryArtifactStore();
        using var store = new KnowledgeGraphStore(artifacts, _dir.Combine("memory", "graph"));

        (await store.GetAsync("guild-a")).Runs.Should().BeEmpty();
        artifacts.Count.Should().Be(0);
    }

    internal static async Task AddEdgesConcurrentlyAsync(KnowledgeGraphStore first, KnowledgeGraphStore second, int perStore)
    {
        await Task.WhenAll(new[] { first, second }.Select((store, s) => Task.Run(async () =>
        {
            // Each update is a run linking its own two entities: one new edge per update, so a lost update shows as a missing edge.
            await Task.WhenAll(Enumerable.Range(0, perStore).Select(i =>
                store.UpdateAsync("guild-a", g => Apply(g, $"run-{s}-{i}", $"From{s}x{i}", $"To{s}x{i}"))));
        })));
    }

    private static int Apply(KnowledgeGraph graph, string runId, string from, string to)
    {
        graph.Apply(runId, runId + ".txt", [new Entity(from, "person", 1), new Entity(to, "place", 1)]);
        return graph.Edges.Count;
    }

    private static string WriteLegacyGraph(string legacyRoot, string tenant, params (string Run, string From, string To)[] runs)
    {
        var graph = new KnowledgeGraph();
        foreach ((string run, string from, string to) in runs)
        {
            Apply(graph, run, from, to);
        }

        Directory.CreateDirectory(legacyRoot);
        string file = Path.Combine(legacyRoot, StableNames.Safe(tenant) + ".json");
        File.WriteAllBytes(file, JsonSerializer.SerializeToUtf8Bytes(graph, AutoIntelJson.Options));
        return file;
    }

    private FileArtifactStore FileStore(string folder) =>
        new(Options.Create(new FileArtifactStoreOptions { RootPath = _dir.Combine(folder) }));

    /// <summary>An in-memory store that can pause before conditional writes, let another writer in just before the next one, or refuse every one.</summary>
    private sealed class InterferingArtifactStore : IArtifactStore
    {
        public InMemoryArtifactStore Inner { get; } = new();

        public Func<Task>? BeforeNextTryPut { get; set; }

        public bool AlwaysConflict { get; init; }

        public bool PauseBeforeTryPut { get; init; }

        public int Conflicts => _conflicts;

        private int _conflicts;

        public async Task<bool> TryPutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, string? expectedVersion, CancellationToken cancellationToken = default)
        {
            if (BeforeNextTryPut is { } interfere)
            {
                BeforeNextTryPut = null;
                await interfere();
            }

            if (PauseBeforeTryPut)
            {
                await Task.Delay(1, cancellationToken);
            }

            bool written = !AlwaysConflict && await Inner.TryPutAsync(path, content, mediaType, expectedVersion, cancellationToken);
            if (!written)
            {
                Interlocked.Increment(ref _conflicts);
            }

            return written;
        }

        public Task<VersionedArtifact?> GetVersionedAsync(string path, CancellationToken cancellationToken = default) => Inner.GetVersionedAsync(path, cancellationToken);

        public Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default) =>
            Inner.PutAsync(path, content, mediaType, cancellationToken);

        public Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default) => Inner.GetAsync(path, cancellationToken);

        public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => Inner.ExistsAsync(path, cancellationToken);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => Inner.ListAsync(prefix, cancellationToken);

        public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) => Inner.DeletePrefixAsync(prefix, cancellationToken);
    }
}
