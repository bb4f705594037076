using AutoIntel.Core.FactCheck;
using AutoIntel.Workflows.AutoIntel.FactCheck;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>Claims kept one copy per id as they are read choose what the grouping of the whole list chose (the order recorded histories replay).</summary>
public sealed class ClaimBudgetTests
{
    [Theory]
    [InlineData(1, 0, 5)]
    [InlineData(2, 40, 5)]
    [InlineData(3, 2_000, 12)]
    [InlineData(4, 2_000, 3_000)]
    public void Select_SameAsGroupingTheWholeList(int seed, int count, int maxClaims)
    {
        var random = new Random(seed);
        List<Claim> extracted = [.. Enumerable.Range(0, count).Select(i =>
        {
            var id = $"c{random.Next(count / 3 + 1)}";
            return new Claim(id, $"{id} copy {i}", random.Next(20), random.Next(5) / 4.0);
        })];

        var (distinct, selected) = ClaimBudget.Select(extracted, maxClaims);

        var grouped = extracted
            .GroupBy(c => c.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(c => c.CheckWorthiness).ThenBy(c => c.ChunkIndex).First())
            .ToList();
        distinct.Should().Equal(grouped);
        selected.Should().Equal(grouped.OrderByDescending(c => c.CheckWorthiness).ThenBy(c => c.ChunkIndex).ThenBy(c => c.Id, StringComparer.Ordinal).Take(maxClaims));
    }
}
