using AutoIntel.Core.Analysis;
using AutoIntel.Intelligence.Offline;

namespace AutoIntel.Intelligence.Tests.Offline;

public sealed class ExtractiveSummarizerTests
{
    [Fact]
    public void Centrality_is_the_sum_of_each_sentences_cosines_to_every_other()
    {
        // Repeated sentences, a sentence without terms and shared rare terms are the cases where a shortcut could drift.
        List<string> sentences =
        [
            .. OfflineText.Sentences(OfflineFixture.TownHall()),
            "Bus lanes cut journey times on Mill Road by twelve minutes.",
            "Bus lanes cut journey times on Mill Road by twelve minutes.",
            "Yes.",
        ];
        var terms = sentences.Select(OfflineText.Terms).ToList();

        var centrality = ExtractiveSummarizer.Centrality(terms);

        var expected = PairwiseCentrality(terms);
        Assert.True(sentences.Count > 20);
        Assert.Equal(expected.Length, centrality.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], centrality[i], 1e-9);
        }
    }

    [Fact]
    public void Reducing_thousands_of_key_points_picks_a_short_summary_and_key_points()
    {
        // The 20 MiB SRT's summary reduces about 14,000 key points: every pair compared (the old way) took most of the run.
        var sentences = OfflineText.Sentences(OfflineFixture.TownHall()).Where(s => OfflineText.WordCount(s) >= 6).ToList();
        var parts = Enumerable.Range(0, 2_000)
            .Select(i => new ChunkSummary(i, [.. Enumerable.Range(0, 7).Select(k => $"{sentences[(i + k) % sentences.Count]} Figure {i}-{k}.")]))
            .ToList();

        var summary = ExtractiveSummarizer.Reduce(parts);

        Assert.NotEmpty(summary.Text);
        Assert.InRange(summary.KeyPoints.Count, 1, 5);
    }

    // The definition: TF-IDF vectors, cosine of every pair.
    private static double[] PairwiseCentrality(List<IReadOnlyList<string>> terms)
    {
        var n = terms.Count;
        var df = terms.SelectMany(t => t.Distinct()).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var vectors = terms.Select(t => t.GroupBy(x => x, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() * Math.Log(1.0 + (n / (double)df[g.Key])), StringComparer.Ordinal)).ToList();
        var centrality = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j && vectors[i].Count > 0 && vectors[j].Count > 0)
                {
                    var dot = vectors[i].Sum(kv => vectors[j].TryGetValue(kv.Key, out var w) ? kv.Value * w : 0);
                    centrality[i] += dot / (Norm(vectors[i]) * Norm(vectors[j]));
                }
            }
        }

        return centrality;
    }

    private static double Norm(Dictionary<string, double> v) => Math.Sqrt(v.Values.Sum(w => w * w));
}
