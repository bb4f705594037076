using System.Text.RegularExpressions;
using AutoIntel.Core.Analysis;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Extractive summaries: picks the most central sentences by TF-IDF similarity and position.</summary>
internal static class ExtractiveSummarizer
{
    private const double NearDuplicate = 0.6;

    // A bullet longer than this would have to be cut; a shorter whole sentence is chosen instead.
    private const int MaxKeyPointWords = 40;

    // A shorter point whose terms are nearly all in a chosen one adds nothing ("Sick days fell." after "Sick days fell by 65%, ...").
    private const double Contained = 0.8;

    // Greetings, thanks and sign-offs carry no content.
    private static readonly Regex Phatic = new(
        @"\b(?:thank\s+you|thanks\s+(?:for|to|again|everyone|both)|welcome\s+(?:back|to)|(?:good|great|nice)\s+to\s+(?:be|have|see)|see\s+you\s+next|goodbye|that'?s\s+all\s+for)\b",
        OfflineText.Options);

    // Sentences that lean on what came before ("It ...", "He said.", "Graham, you ...") read poorly on their own.
    private static readonly Regex ContextDependent = new(
        @"^[""'“‘]?(?:it|he|she|they|this|that|these|those|i|we|you|my|our|your|his|her|their)\b|^\p{Lu}\p{Ll}+,\s+you\b|\b(?:he|she|they)\s+(?:said|says|added|warned)\b",
        OfflineText.Options);

    /// <summary>The top-ranked sentences of a chunk, listed in source order.</summary>
    public static IReadOnlyList<string> KeySentences(string text)
    {
        var all = OfflineText.Sentences(text).Select(OfflineText.StripFillers).ToList();
        var candidates = all.Where(s => OfflineText.WordCount(s) >= 6 && !OfflineText.IsQuestion(s) && !Phatic.IsMatch(s) && QuotesBalanced(s)).ToList();
        if (candidates.Count == 0)
        {
            return [.. all.Where(QuotesBalanced).Take(2)];
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

        // The summary is the best half of the selection (2–4 sentences); the key points are the next best whole sentences, so
        // the two never repeat each other and no point is cut mid-sentence (a sentence too long for a bullet is passed over).
        var summaryCount = Math.Clamp((int)Math.Ceiling(selected.Count / 2.0), Math.Min(2, selected.Count), 4);
        var summary = selected.OrderByDescending(s => scores[texts.IndexOf(s)]).Take(summaryCount).OrderBy(texts.IndexOf).ToList();
        var summaryTerms = summary.Select(OfflineText.Terms).ToList();
        var keyPoints = Enumerable.Range(0, texts.Count)
            .Where(i => !summary.Contains(texts[i]) && OfflineText.WordCount(texts[i]) <= MaxKeyPointWords && QuotesBalanced(texts[i]))
            .OrderByDescending(i => selected.Contains(texts[i])).ThenByDescending(i => scores[i])
            .Where(i => !summaryTerms.Any(t => IsNearDuplicate(t, OfflineText.Terms(texts[i]))))
            .Take(5).Order()
            .Select(i => OfflineText.StripFillers(texts[i])).Distinct(StringComparer.Ordinal).ToList();
        return new Summary(string.Join(' ', summary.Select(OfflineText.StripFillers)), keyPoints);
    }

    /// <summary>Sentence scores: centrality (mean TF-IDF cosine to the others) plus a lead bonus, damped for very short or long sentences.</summary>
    public static double[] Score(IReadOnlyList<string> sentences)
    {
        var n = sentences.Count;
        var centrality = Centrality([.. sentences.Select(OfflineText.Terms)]);
        var max = centrality.DefaultIfEmpty(0).Max();
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var words = OfflineText.WordCount(sentences[i]);
            var lengthFactor = (words < 8 ? 0.7 : words > 45 ? 0.8 : 1.0) * (ContextDependent.IsMatch(sentences[i]) ? 0.75 : 1.0);
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
            if (chosen.Contains(i) || chosenTerms.Any(t => IsNearDuplicate(t, terms)))
            {
                continue;
            }

            chosen.Add(i);
            chosenTerms.Add(terms);
        }

        return [.. chosen.Order().Select(i => sentences[i])];
    }

    private static bool IsNearDuplicate(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (OfflineText.Jaccard(a, b) >= NearDuplicate)
        {
            return true;
        }

        var setA = a.ToHashSet(StringComparer.Ordinal);
        var setB = b.ToHashSet(StringComparer.Ordinal);
        var smaller = Math.Min(setA.Count, setB.Count);
        return smaller >= 3 && setA.Count(setB.Contains) >= Contained * smaller;
    }

    // A sentence cut out of a longer quotation ("I'm saying it worked here."") has lost its speaker and context.
    private static bool QuotesBalanced(string sentence) =>
        sentence.Count(c => c == '"') % 2 == 0 && sentence.Count(c => c == '\u201C') == sentence.Count(c => c == '\u201D');

    /// <summary>Each sentence's summed TF-IDF cosine similarity to every other sentence (a sentence without terms: 0).</summary>
    /// <remarks>With unit vectors a sentence's sum of cosines is its dot product with the sum of all the other vectors, so this is linear
    /// in the terms; comparing every pair took minutes and held every vector on a 20 MiB transcript's summary (14,000 key points).</remarks>
    internal static double[] Centrality(IReadOnlyList<IReadOnlyList<string>> terms)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms.SelectMany(t => t.Distinct()))
        {
            df[term] = df.GetValueOrDefault(term) + 1;
        }

        var vectors = terms.Select(t => UnitTfIdf(t, df, terms.Count)).ToList();
        var total = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (term, weight) in vectors.SelectMany(v => v))
        {
            total[term] = total.GetValueOrDefault(term) + weight;
        }

        return [.. vectors.Select(v => v.Sum(kv => kv.Value * (total[kv.Key] - kv.Value)))];
    }

    // Term counts weighted by inverse document frequency, scaled to length one (no terms: an empty vector, similar to nothing).
    private static Dictionary<string, double> UnitTfIdf(IReadOnlyList<string> terms, Dictionary<string, int> df, int n)
    {
        var weights = terms.GroupBy(x => x, StringComparer.Ordinal)
            .Select(g => (Term: g.Key, Weight: g.Count() * Math.Log(1.0 + (n / (double)df[g.Key])))).ToList();
        var norm = Math.Sqrt(weights.Sum(w => w.Weight * w.Weight));
        return weights.ToDictionary(w => w.Term, w => w.Weight / norm, StringComparer.Ordinal);
    }
}
