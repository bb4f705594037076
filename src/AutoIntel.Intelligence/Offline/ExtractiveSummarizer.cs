using AutoIntel.Core.Analysis;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Extractive summaries: picks the most central sentences by TF-IDF similarity and position.</summary>
internal static class ExtractiveSummarizer
{
    private const double NearDuplicate = 0.6;

    /// <summary>The top-ranked sentences of a chunk, listed in source order.</summary>
    public static IReadOnlyList<string> KeySentences(string text)
    {
        var all = OfflineText.Sentences(text);
        var candidates = all.Where(s => OfflineText.WordCount(s) >= 6 && !OfflineText.IsQuestion(s)).ToList();
        if (candidates.Count == 0)
        {
            return [.. all.Take(2)];
        }

        var target = Math.Clamp((int)Math.Ceiling(candidates.Count / 4.0), 2, 8);
        var scores = Score(candidates);
        return Select(candidates, scores, target);
    }

    /// <summary>Merges chunk key points into one summary of about five to eight sentences in source order.</summary>
    public static Summary Reduce(IReadOnlyList<ChunkSummary> parts)
    {
        var points = parts.OrderBy(p => p.ChunkIndex).SelectMany(p => p.KeyPoints.Select(k => (p.ChunkIndex, Text: k.Trim())))
            .Where(p => p.Text.Length > 0).ToList();
        if (points.Count == 0)
        {
            return new Summary(string.Empty, []);
        }

        var texts = points.Select(p => p.Text).ToList();
        var scores = Score(texts);
        var target = points.Count <= 8 ? points.Count : Math.Clamp((int)Math.Round(points.Count * 0.5), 5, 8);

        // Every chunk gets a voice first (its best point), then the rest goes by score.
        var chosen = new HashSet<int>();
        var perChunk = points.Select((p, i) => (p.ChunkIndex, i)).GroupBy(x => x.ChunkIndex)
            .Select(g => g.Select(x => x.i).OrderByDescending(i => scores[i]).First())
            .OrderByDescending(i => scores[i]).Take(target);
        chosen.UnionWith(perChunk);
        var selected = Select(texts, scores, target, chosen);

        var keyPoints = selected
            .Select(s => (Text: s, Index: texts.IndexOf(s)))
            .OrderByDescending(x => scores[x.Index]).Take(5).OrderBy(x => x.Index)
            .Select(x => Shorten(OfflineText.StripFillers(x.Text), 30)).ToList();
        return new Summary(string.Join(' ', selected.Select(OfflineText.StripFillers)), keyPoints);
    }

    /// <summary>Sentence scores: centrality (mean TF-IDF cosine to the others) plus a lead bonus, damped for very short or long sentences.</summary>
    public static double[] Score(IReadOnlyList<string> sentences)
    {
        var terms = sentences.Select(OfflineText.Terms).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms.SelectMany(t => t.Distinct()))
        {
            df[term] = df.GetValueOrDefault(term) + 1;
        }

        var n = sentences.Count;
        var vectors = terms.Select(t => t.GroupBy(x => x, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() * Math.Log(1.0 + (n / (double)df[g.Key])), StringComparer.Ordinal)).ToList();
        var centrality = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var similarity = Cosine(vectors[i], vectors[j]);
                centrality[i] += similarity;
                centrality[j] += similarity;
            }
        }

        var max = centrality.DefaultIfEmpty(0).Max();
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var words = OfflineText.WordCount(sentences[i]);
            var lengthFactor = words < 8 ? 0.7 : words > 45 ? 0.8 : 1.0;
            var lead = 0.15 * (1.0 - (i / (double)Math.Max(1, n))) + (i == 0 ? 0.1 : 0);
            var numbers = sentences[i].Any(char.IsDigit) ? 0.05 : 0;
            scores[i] = ((max > 0 ? centrality[i] / max : 0) + lead + numbers) * lengthFactor;
        }

        return scores;
    }

    private static List<string> Select(List<string> sentences, double[] scores, int target, HashSet<int>? preselected = null)
    {
        var chosen = new List<int>();
        var chosenTerms = new List<IReadOnlyList<string>>();
        var order = (preselected ?? []).OrderByDescending(i => scores[i])
            .Concat(Enumerable.Range(0, sentences.Count).OrderByDescending(i => scores[i]).ThenBy(i => i));
        foreach (var i in order)
        {
            if (chosen.Count >= target)
            {
                break;
            }

            var terms = OfflineText.Terms(sentences[i]);
            if (chosen.Contains(i) || chosenTerms.Any(t => OfflineText.Jaccard(t, terms) >= NearDuplicate))
            {
                continue;
            }

            chosen.Add(i);
            chosenTerms.Add(terms);
        }

        return [.. chosen.Order().Select(i => sentences[i])];
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var dot = a.Sum(kv => b.TryGetValue(kv.Key, out var w) ? kv.Value * w : 0);
        var norm = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        return norm == 0 ? 0 : dot / norm;
    }

    private static string Shorten(string sentence, int maxWords)
    {
        var words = sentence.Split(' ');
        return words.Length <= maxWords ? sentence : string.Join(' ', words.Take(maxWords)).TrimEnd(',', ';', ':') + "\u2026";
    }
}
