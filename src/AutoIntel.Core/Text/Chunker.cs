using AutoIntel.Core.Content;

namespace AutoIntel.Core.Text;

/// <summary>Cuts a transcript into token-bounded chunks on sentence boundaries.</summary>
public static class Chunker
{
    /// <summary>Splits a transcript into chunks of at most <paramref name="maxTokens"/> tokens each (counted with <see cref="TokenCounter.Default"/>).</summary>
    /// <remarks>
    /// Sentences are packed greedily and never split, except a single sentence longer than the limit, which is cut
    /// between words (and a single word longer than the limit between tokens). Each chunk keeps the start time of
    /// the segment its first sentence begins in, and its <see cref="Chunk.TokenCount"/> is the exact count of its text.
    /// When segments carry speakers, each turn opens with "Name: " in the text and the chunk lists its speakers
    /// (<see cref="SpeakerTurns"/> reads them back).
    /// The same input always gives the same chunks.
    /// </remarks>
    public static IReadOnlyList<Chunk> Split(Transcript transcript, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);

        // Segments are joined so that a sentence may run across segment boundaries (subtitles wrap mid-sentence);
        // each segment's offset in the joined text maps a sentence back to its start time. A speaker turn opens with
        // "Name: " and is split into sentences on its own, so no sentence runs across two speakers.
        var text = new System.Text.StringBuilder();
        var offsets = new List<(int Offset, TimeSpan? Start)>(transcript.Segments.Count);
        var turns = new List<(int Offset, string? Speaker)> { (0, null) };
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

            // An unlabelled segment continues the turn before it (transcripts label a turn once, at its start).
            var speaker = SpeakerTurns.Clean(segment.Speaker);
            if (speaker is not null && speaker != turns[^1].Speaker)
            {
                if (text.Length == 0)
                {
                    turns.Clear();
                }

                turns.Add((text.Length, speaker));
                text.Append(SpeakerTurns.Label(speaker));
            }

            text.Append(segment.Text.Trim());
        }

        var counter = TokenCounter.Default;
        var joined = text.ToString();
        var chunks = new List<Chunk>();
        var pending = new Packer(counter, maxTokens);
        TimeSpan? pendingStart = null;
        string? pendingSpeaker = null;
        var pendingSpeakers = new List<string>();
        for (var t = 0; t < turns.Count; t++)
        {
            var (turnStart, speaker) = turns[t];
            var turnEnd = t + 1 < turns.Count ? turns[t + 1].Offset : joined.Length;
            var sentences = SentenceSplitter.SplitRanges(joined[turnStart..turnEnd]);
            for (var s = 0; s < sentences.Count; s++)
            {
                var (start, length) = sentences[s];
                var startTime = StartTimeAt(offsets, turnStart + start);
                var sentence = SentenceSplitter.Collapse(joined.AsSpan(turnStart + start, length));

                // A turn ends a sentence: unpunctuated captions would otherwise run one speaker's words into the next's.
                if ((speaker is not null || t + 1 < turns.Count) && s == sentences.Count - 1 && !EndsSentence(sentence))
                {
                    sentence += ".";
                }

                foreach (var piece in Pieces(counter, sentence, maxTokens))
                {
                    if (!pending.TryAdd(piece))
                    {
                        chunks.Add(Make(chunks.Count, pending, pendingStart, pendingSpeaker, pendingSpeakers));
                        pending.Clear();
                        pendingSpeakers.Clear();
                        pending.TryAdd(piece);
                    }

                    if (pending.Count == 1)
                    {
                        pendingStart = startTime;
                        pendingSpeaker = speaker;
                    }

                    if (speaker is not null && !pendingSpeakers.Contains(speaker, StringComparer.Ordinal))
                    {
                        pendingSpeakers.Add(speaker);
                    }
                }
            }
        }

        if (pending.Count > 0)
        {
            chunks.Add(Make(chunks.Count, pending, pendingStart, pendingSpeaker, pendingSpeakers));
        }

        return chunks;
    }

    private static bool EndsSentence(string sentence) => sentence.TrimEnd('"', '\'', ')', ']', '\u201D', '\u2019') is [.., '.' or '!' or '?' or '\u2026'];

    private static Chunk Make(int index, Packer pending, TimeSpan? start, string? speakerAtStart, List<string> speakers) =>
        new(index, pending.Text, pending.Tokens, start, speakerAtStart, speakers.Count > 0 ? [.. speakers] : null);

    // The start time of the last segment beginning at or before the position. A binary search: a linear scan per sentence
    // made a 230,000-cue transcript take minutes (quadratic), past the activity's timeout on a loaded machine.
    private static TimeSpan? StartTimeAt(List<(int Offset, TimeSpan? Start)> offsets, int position)
    {
        int low = 0;
        int high = offsets.Count - 1;
        int found = -1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            if (offsets[middle].Offset <= position)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found < 0 ? null : offsets[found].Start;
    }

    // A sentence within the limit is one piece; a longer one is cut between words, and an overlong word between tokens.
    private static IEnumerable<string> Pieces(TokenCounter counter, string sentence, int maxTokens)
    {
        if (counter.Count(sentence) <= maxTokens)
        {
            yield return sentence;
            yield break;
        }

        var words = new Packer(counter, maxTokens);
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var part in WordParts(counter, word, maxTokens))
            {
                if (!words.TryAdd(part))
                {
                    yield return words.Text;
                    words.Clear();
                    words.TryAdd(part);
                }
            }
        }

        if (words.Count > 0)
        {
            yield return words.Text;
        }
    }

    private static IEnumerable<string> WordParts(TokenCounter counter, string word, int maxTokens)
    {
        if (counter.Count(word) <= maxTokens)
        {
            yield return word;
            yield break;
        }

        var from = 0;
        while (from < word.Length)
        {
            var length = counter.PrefixLength(word.AsSpan(from), maxTokens);
            yield return word.Substring(from, length);
            from += length;
        }
    }

    /// <summary>Space-joined pieces with their exact token count: the first piece counts alone, each later one with its leading space.</summary>
    private sealed class Packer(TokenCounter counter, int maxTokens)
    {
        private readonly List<string> _pieces = [];

        public int Count => _pieces.Count;

        public int Tokens { get; private set; }

        public string Text => string.Join(' ', _pieces);

        // Adds the piece unless it would take the total over the limit; an empty packer takes any piece.
        public bool TryAdd(string piece)
        {
            var tokens = _pieces.Count == 0 ? counter.Count(piece) : counter.CountAfterSpace(piece);
            if (_pieces.Count > 0 && Tokens + tokens > maxTokens)
            {
                return false;
            }

            _pieces.Add(piece);
            Tokens += tokens;
            return true;
        }

        public void Clear()
        {
            _pieces.Clear();
            Tokens = 0;
        }
    }
}
