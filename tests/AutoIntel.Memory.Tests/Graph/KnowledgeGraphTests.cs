using AutoIntel.Core.Analysis;

namespace AutoIntel.Memory.Tests.Graph;

public sealed class KnowledgeGraphTests : IDisposable
{
    private readonly MemoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task UpdateGraphAsync_SameRunTwice_DoesNotDoubleCount()
    {
        Entity[] entities = [new("Ada Lovelace", "person", 3), new("London", "place", 2), new("Royal Society", "organization", 1)];
        GraphUpdate first = await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "a.txt", entities);

        GraphUpdate again = await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "a.txt", entities);

        again.Should().BeEquivalentTo(first);
        first.Nodes.Should().Be(3);
        first.Edges.Should().Be(3);
        var graph = await _fx.Graphs.GetAsync("guild-a");
        graph.Nodes["ada lovelace"].Mentions.Should().Be(3);
        graph.Edges.Values.Should().OnlyContain(e => e.Weight == 1);
    }

    [Fact]
    public async Task UpdateGraphAsync_EntitiesSharedAcrossRuns_WeighsEdgesByRunsAndMergesNames()
    {
        await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "a.txt", [new("The Eiffel Tower", "place", 2), new("Gustave Eiffel", "person", 1)]);

        await _fx.Memory.UpdateGraphAsync("guild-a", "run-2", "b.txt", [new("eiffel tower", "other", 1), new("Gustave  Eiffel", "person", 4)]);

        var graph = await _fx.Graphs.GetAsync("guild-a");
        graph.Nodes.Keys.Should().BeEquivalentTo(["eiffel tower", "gustave eiffel"]);
        graph.Nodes["eiffel tower"].Mentions.Should().Be(3);
        graph.Nodes["eiffel tower"].Type.Should().Be("place");
        graph.Nodes["gustave eiffel"].Sources().Should().BeEquivalentTo(["a.txt", "b.txt"]);
        graph.Edges.Values.Should().ContainSingle().Which.Weight.Should().Be(2);
    }

    [Fact]
    public async Task UpdateGraphAsync_EarlierRunsShareEntities_RelatedSourcesWithAtLeastTwoMostSharedFirst()
    {
        await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "two-shared.txt", [new("Alpha", "person", 1), new("Beta", "place", 1), new("Zeta", "other", 1)]);
        await _fx.Memory.UpdateGraphAsync("guild-a", "run-2", "three-shared.txt", [new("Alpha", "person", 1), new("Beta", "place", 1), new("Gamma", "organization", 1)]);
        await _fx.Memory.UpdateGraphAsync("guild-a", "run-3", "one-shared.txt", [new("Alpha", "person", 1), new("Omega", "other", 1)]);
        await _fx.Memory.UpdateGraphAsync("guild-b", "run-4", "other-tenant.txt", [new("Alpha", "person", 1), new("Beta", "place", 1), new("Gamma", "organization", 1)]);

        GraphUpdate update = await _fx.Memory.UpdateGraphAsync("guild-a", "run-5", "new.txt", [new("Alpha", "person", 1), new("Beta", "place", 1), new("Gamma", "organization", 1), new("2024", "date", 5)]);

        update.RelatedSources.Should().Equal("three-shared.txt", "two-shared.txt");
        update.Nodes.Should().Be(5);
    }

    [Fact]
    public async Task UpdateGraphAsync_RunReappliedWithFewerEntities_RemovesItsOldContribution()
    {
        await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "a.txt", [new("Alpha", "person", 1), new("Beta", "place", 1)]);

        GraphUpdate update = await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "a.txt", [new("Alpha", "person", 1)]);

        update.Nodes.Should().Be(1);
        update.Edges.Should().Be(0);
    }

    [Fact]
    public async Task UpdateGraphAsync_AfterReopen_ContinuesFromPersistedGraph()
    {
        await _fx.Memory.UpdateGraphAsync("guild-a", "run-1", "a.txt", [new("Alpha", "person", 1), new("Beta", "place", 1)]);
        _fx.Reopen();

        GraphUpdate update = await _fx.Memory.UpdateGraphAsync("guild-a", "run-2", "b.txt", [new("Alpha", "person", 1), new("Beta", "place", 1)]);

        update.RelatedSources.Should().Equal("a.txt");
        (await _fx.Graphs.GetAsync("guild-a")).Edges.Values.Single().Weight.Should().Be(2);
    }

    [Fact]
    public async Task UpdateGraphAsync_ConcurrentRunsOfOneTenant_AllApplied()
    {
        Task[] updates = [.. Enumerable.Range(0, 10).Select(i =>
            _fx.Memory.UpdateGraphAsync("guild-a", $"run-{i}", $"{i}.txt", [new("Alpha", "person", 1), new($"Only{i}", "other", 1)]))];

        await Task.WhenAll(updates);

        var graph = await _fx.Graphs.GetAsync("guild-a");
        graph.Runs.Should().HaveCount(10);
        graph.Nodes["alpha"].Mentions.Should().Be(10);
    }
}
