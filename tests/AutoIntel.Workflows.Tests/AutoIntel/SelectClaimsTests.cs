using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.FactCheck;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>The activity's two passes (<see cref="ClaimTally"/>) give what holding every claim gave: the same chosen claims in the same
/// order, the same distinct count and the same not-checked artifact, byte for byte.</summary>
public sealed class SelectClaimsTests
{
    [Fact]
    public async Task Run_RandomClaims_SameAsInMemory()
    {
        for (var seed = 0; seed < 600; seed++)
        {
            var random = new Random(seed);
            var chunks = RandomChunks(random, inChunkOrder: seed % 10 != 0);
            var distinct = chunks.SelectMany(c => c).Select(c => c.Id).Distinct().Count();
            int[] budgets = [0, 1, random.Next(1, 15), distinct, distinct + random.Next(1, 5)];

            await AssertSameAsInMemoryAsync(chunks, budgets[random.Next(budgets.Length)], $"seed {seed}");
        }
    }

    [Fact]
    public async Task Run_ChunkIndexGoesBack_FallsBackToInMemory_SameResult()
    {
        List<List<Claim>> chunks =
        [
            [new("a", "a in 2", 2, 0.5), new("b", "b in 2", 2, 0.5), new("c", "c in 2", 2, 0.25)],
            [new("c", "c in 1", 1, 0.25), new("d", "d in 1", 1, 0.75), new("a", "a in 1", 1, 0.5)],
            [new("e", "e in 3", 3, 0)],
        ];
        var tally = new ClaimTally();
        chunks.SelectMany(c => c).ToList().ForEach(tally.Add);

        tally.InChunkOrder.Should().BeFalse();
        await AssertSameAsInMemoryAsync(chunks, 2, "chunk 1 read after chunk 2");
    }

    [Fact]
    public async Task Run_NoClaims_NothingSelectedNothingListed()
    {
        await AssertSameAsInMemoryAsync([[], []], 5, "no claims");
    }

    private static async Task AssertSameAsInMemoryAsync(List<List<Claim>> chunks, int maxClaims, string because)
    {
        var store = new InMemoryArtifactStore();
        List<ChunkClaims> found = [];
        for (var i = 0; i < chunks.Count; i++)
        {
            found.Add(new ChunkClaims(await store.PutJsonAsync(RunPaths.ChunkClaims("run", i), chunks[i]), chunks[i].Count));
        }

        var selection = await new SelectClaims(store).RunAsync(
            new ActivityContext("run", ActivityNames.SelectClaims, 1, CancellationToken.None), new SelectClaimsInput("run", found, Depth.Standard, maxClaims));

        var (distinct, selected, notChecked) = await InMemoryAsync(chunks.SelectMany(c => c), maxClaims);
        selection.Selected.Should().Equal(selected, because);
        selection.Distinct.Should().Be(distinct, because);
        if (notChecked is null)
        {
            selection.NotChecked.Should().BeNull(because);
            (await store.ExistsAsync(RunPaths.NotCheckedClaims("run"))).Should().BeFalse(because);
        }
        else
        {
            selection.NotChecked.Should().NotBeNull(because);
            (await store.GetAsync(selection.NotChecked!.Path)).Should().Equal(notChecked, because);
        }
    }

    // The activity before ClaimTally: one copy of each id held, chosen and listed as ClaimBudget did then (copied here, not called, so the
    // shared keep rule and order are checked too).
    private static async Task<(int Distinct, List<Claim> Selected, byte[]? NotChecked)> InMemoryAsync(IEnumerable<Claim> read, int maxClaims)
    {
        List<Claim> distinct = [];
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var claim in read)
        {
            if (!positions.TryGetValue(claim.Id, out var position))
            {
                positions[claim.Id] = distinct.Count;
                distinct.Add(claim);
            }
            else if (claim.CheckWorthiness > distinct[position].CheckWorthiness
                || (claim.CheckWorthiness == distinct[position].CheckWorthiness && claim.ChunkIndex < distinct[position].ChunkIndex))
            {
                distinct[position] = claim;
            }
        }

        var selected = distinct
            .OrderByDescending(c => c.CheckWorthiness)
            .ThenBy(c => c.ChunkIndex)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(maxClaims)
            .ToList();
        if (selected.Count == distinct.Count)
        {
            return (distinct.Count, selected, null);
        }

        var chosen = selected.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var notChecked = distinct.Where(c => !chosen.Contains(c.Id)).OrderBy(c => c.ChunkIndex).Select(c => ClaimVerdict.NotChecked(c, "standard", maxClaims));
        using var json = new MemoryStream();
        await BriefingJson.WriteClaimsAsync(json, [], notChecked.ToAsyncEnumerable());
        return (distinct.Count, selected, json.ToArray());
    }

    // Up to 6 chunks of up to 40 claims, ids drawn from a small pool (repeated within and across chunks), few worthiness values (ties).
    // In chunk order each claim carries its chunk's index (some chunks share one); otherwise the indexes are random.
    private static List<List<Claim>> RandomChunks(Random random, bool inChunkOrder)
    {
        var pool = random.Next(1, 60);
        var chunkIndex = 0;
        List<List<Claim>> chunks = [];
        for (var chunk = random.Next(7); chunk > 0; chunk--)
        {
            chunkIndex += random.Next(3) == 0 ? 0 : random.Next(1, 3);
            chunks.Add([.. Enumerable.Range(0, random.Next(41)).Select(i =>
            {
                var id = $"c{random.Next(pool)}";
                return new Claim(id, $"{id} in {chunkIndex}, copy {i}", inChunkOrder ? chunkIndex : random.Next(5), random.Next(5) / 4.0, random.Next(3) == 0 ? "Ann" : null);
            })]);
        }

        return chunks;
    }
}
