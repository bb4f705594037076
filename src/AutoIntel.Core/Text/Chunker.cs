using AutoIntel.Core.Content;

namespace AutoIntel.Core.Text;

/// <summary>Cuts a transcript into token-bounded chunks on sentence boundaries.</summary>
public static class Chunker
{
    /// <summary>Splits a transcript into chunks of at most <paramref name="maxTokens"/> estimated tokens each.</summary>
    /// <remarks>
    /// Sentences are packed greedily and never split, except a single sentence longer than the limit, which is cut
    /// between words (and a single word longer than the limit between characters). Each chunk keeps the start time of
    /// the segment its first sentence begins in. The same input always gives the same chunks.
    /// </remarks>
    public static IReadOnlyList<Chunk> Split(Transcript transcript, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);

        // Segments are joined so that a sentence may run across segment boundaries (subtitles wrap mid-sentence);
        // each segment's offset in the joined text maps a sentence back to its start time.
        var text = new System.Text.StringBuilder();
        var offsets = new List<(int Offset, TimeSpan? Start)>(transcript.Segments.Count);
        foreach (var segment in transcript.Segments)
        {
            if (string.IsNullOrWhiteSpace(segment.Text))
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            offsets.Add((text.Length, segment.Start));
            text.Append(segment.Text.Trim());
        }

        var joined = text.ToString();
        var chunks = new List<Chunk>();
        var pending = new List<string>();
        var pendingTokens = 0;
        TimeSpan? pendingStart = null;

        void Flush()
        {
            if (pending.Count > 0)
            {
                chunks.Add(new Chunk(chunks.Count, string.Join(' ', pending), pendingTokens, pendingStart));
                pending.Clear();
                pendingTokens = 0;
            }
        }

        foreach (var (start, length) in SentenceSplitter.SplitRanges(joined))
        {
            var startTime = StartTimeAt(offsets, start);
            foreach (var piece in Pieces(SentenceSplitter.Collapse(joined.AsSpan(start, length)), maxTokens))
            {
                var tokens = TokenEstimator.Estimate(piece);
                if (pending.Count > 0 && pendingTokens + tokens > maxTokens)
                {
                    Flush();
                }

                if (pending.Count == 0)
                {
                    pendingStart = startTime;
                }

                pending.Add(piece);
                pendingTokens += tokens;
            }
        }

        Flush();
        return chunks;
    }

    private static TimeSpan? StartTimeAt(List<(int Offset, TimeSpan? Start)> offsets, int position)
    {
        TimeSpan? start = null;
        foreach (var (offset, segmentStart) in offsets)
        {
            if (offset > position)
            {
                break;
            }

            start = segmentStart;
        }

        return start;
    }

    // A sentence within the limit is one piece; a longer one is cut between words, and an overlong word between characters.
    private static IEnumerable<string> Pieces(string sentence, int maxTokens)
    {
        if (TokenEstimator.Estimate(sentence) <= maxTokens)
        {
            yield return sentence;
            yield break;
        }

        var words = new List<string>();
        var tokens = 0;
        foreach (var word in sentence.Split(' '))
        {
            foreach (var part in WordParts(word, maxTokens))
            {
                var partTokens = TokenEstimator.Estimate(part);
                if (words.Count > 0 && tokens + partTokens > maxTokens)
                {
                    yield return string.Join(' ', words);
                    words.Clear();
                    tokens = 0;
                }

                words.Add(part);
                tokens += partTokens;
            }
        }

        if (words.Count > 0)
        {
            yield return string.Join(' ', words);
        }
    }

    private static IEnumerable<string> WordParts(string word, int maxTokens)
    {
        if (TokenEstimator.Estimate(word) <= maxTokens)
        {
            yield return word;
            yield break;
        }

        var from = 0;
        while (from < word.Length)
        {
            var length = 1;
            while (from + length < word.Length && TokenEstimator.Estimate(word.Substring(from, length + 1)) <= maxTokens)
            {
                length++;
            }

            yield return word.Substring(from, length);
            from += length;
        }
    }
}
