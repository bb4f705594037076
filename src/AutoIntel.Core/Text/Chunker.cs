using System.Runtime.CompilerServices;
using System.Text;
using AutoIntel.Core.Content;

namespace AutoIntel.Core.Text;

/// <summary>Cuts a transcript into token-bounded chunks on sentence boundaries.</summary>
public static class Chunker
{
    // How much of a speaker turn's text is gathered before its complete sentences are packed and dropped: a turn can be the whole
    // transcript (no speakers), and holding that joined, as this once did, cost several times the transcript's size. At 32 Ki chars the
    // window's string (two bytes a char) stays under the large object heap's 85,000 bytes.
    private const int ScanChars = 32 * 1024;

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
        return [.. Split(transcript.Segments, maxTokens)];
    }

    /// <summary>The chunks of <see cref="Split(Transcript, int)"/>, made as <paramref name="segments"/> are read: only the open
    /// sentence window and the chunk being packed are held, not the transcript.</summary>
    public static IEnumerable<Chunk> Split(IEnumerable<TranscriptSegment> segments, int maxTokens) => Split(segments, maxTokens, ScanChars);

    /// <summary>The chunks of <see cref="Split(Transcript, int)"/>, made as <paramref name="segments"/> arrive (see <see cref="Split(IEnumerable{TranscriptSegment}, int)"/>).</summary>
    public static async IAsyncEnumerable<Chunk> SplitAsync(
        IAsyncEnumerable<TranscriptSegment> segments, int maxTokens, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        var builder = new Builder(maxTokens, ScanChars);
        await foreach (var segment in segments.WithCancellation(cancellationToken))
        {
            foreach (var chunk in builder.Add(segment))
            {
                yield return chunk;
            }
        }

        foreach (var chunk in builder.Complete())
        {
            yield return chunk;
        }
    }

    /// <summary><see cref="Split(IEnumerable{TranscriptSegment}, int)"/> with the scan window given, so tests can make it tiny.</summary>
    internal static IEnumerable<Chunk> Split(IEnumerable<TranscriptSegment> segments, int maxTokens, int scanChars)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        return Chunks();

        IEnumerable<Chunk> Chunks()
        {
            var builder = new Builder(maxTokens, scanChars);
            foreach (var segment in segments)
            {
                foreach (var chunk in builder.Add(segment))
                {
                    yield return chunk;
                }
            }

            foreach (var chunk in builder.Complete())
            {
                yield return chunk;
            }
        }
    }

    private static bool EndsSentence(string sentence) => sentence.TrimEnd('"', '\'', ')', ']', '\u201D', '\u2019') is [.., '.' or '!' or '?' or '\u2026'];

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

    /// <summary>Packs segments into chunks as they come. Segments are joined with newlines (a sentence may run across segment boundaries:
    /// subtitles wrap mid-sentence) and each speaker turn opens with "Name: " and is split into sentences on its own, so no sentence runs
    /// across two speakers; each segment's offset in that joined text maps a sentence back to its start time. Only the open turn's
    /// unpacked text is held: once it passes the scan window, its complete sentences (all but the last, which may yet be the turn's last)
    /// are packed and dropped.</summary>
    private sealed class Builder(int maxTokens, int scanChars)
    {
        private readonly TokenCounter _counter = TokenCounter.Default;
        private readonly StringBuilder _turn = new();
        private readonly List<(long Offset, TimeSpan? Start)> _offsets = [];
        private readonly List<(int Start, int Length)> _ranges = [];
        private readonly Packer _pending = new(TokenCounter.Default, maxTokens);
        private readonly List<string> _pendingSpeakers = [];
        private readonly List<Chunk> _done = [];
        private long _turnStart;
        private string? _speaker;
        private int _scanAt;
        private int _index;
        private TimeSpan? _pendingStart;
        private string? _pendingSpeaker;

        // Length of the joined text so far.
        private long Length => _turnStart + _turn.Length;

        // Adds a segment; returns the chunks it completed (valid until the next call).
        public List<Chunk> Add(TranscriptSegment segment)
        {
            var done = _done;
            done.Clear();
            if (string.IsNullOrWhiteSpace(segment.Text))
            {
                return done;
            }

            if (Length > 0)
            {
                _turn.Append('\n');
            }

            _offsets.Add((Length, segment.Start));

            // An unlabelled segment continues the turn before it (transcripts label a turn once, at its start).
            var speaker = SpeakerTurns.Clean(segment.Speaker);
            if (speaker is not null && speaker != _speaker)
            {
                // A transcript that opens with a label has no unlabelled turn before it.
                if (Length > 0)
                {
                    FinishTurn(hasNext: true, done);
                }

                _speaker = speaker;
                _turn.Append(SpeakerTurns.Label(speaker));
            }

            _turn.Append(segment.Text.Trim());
            if (_turn.Length >= Math.Max(_scanAt, scanChars))
            {
                PackCompleteSentences(done);
            }

            return done;
        }

        // Ends the transcript; returns the last chunks.
        public List<Chunk> Complete()
        {
            var done = _done;
            done.Clear();
            FinishTurn(hasNext: false, done);
            if (_pending.Count > 0)
            {
                done.Add(Make());
            }

            return done;
        }

        // Packs the open turn's sentences that no later text can change, keeping the last of them (it may be the turn's last sentence,
        // which gets a full stop) and what follows it.
        private void PackCompleteSentences(List<Chunk> done)
        {
            var text = _turn.ToString();
            _ranges.Clear();
            SentenceSplitter.SplitCompleteRanges(text, _ranges);
            if (_ranges.Count >= 2)
            {
                for (var s = 0; s < _ranges.Count - 1; s++)
                {
                    AddSentence(text, _ranges[s], isLastOfTurn: false, hasNext: false, done);
                }

                var keep = _ranges[^1].Start;
                _turn.Remove(0, keep);
                _turnStart += keep;
                DropOffsetsBefore(_turnStart);
            }

            // Scanning again only once the text has doubled keeps a turn with no sentence breaks linear, not quadratic.
            _scanAt = _turn.Length * 2;
        }

        private void FinishTurn(bool hasNext, List<Chunk> done)
        {
            var text = _turn.ToString();
            var sentences = SentenceSplitter.SplitRanges(text);
            for (var s = 0; s < sentences.Count; s++)
            {
                AddSentence(text, sentences[s], isLastOfTurn: s == sentences.Count - 1, hasNext, done);
            }

            _turnStart += _turn.Length;
            _turn.Clear();
            _scanAt = 0;
            DropOffsetsBefore(_turnStart);
        }

        private void AddSentence(string text, (int Start, int Length) range, bool isLastOfTurn, bool hasNext, List<Chunk> done)
        {
            var startTime = StartTimeAt(_turnStart + range.Start);
            var sentence = SentenceSplitter.Collapse(text.AsSpan(range.Start, range.Length));

            // A turn ends a sentence: unpunctuated captions would otherwise run one speaker's words into the next's.
            if ((_speaker is not null || hasNext) && isLastOfTurn && !EndsSentence(sentence))
            {
                sentence += ".";
            }

            foreach (var piece in Pieces(_counter, sentence, maxTokens))
            {
                if (!_pending.TryAdd(piece))
                {
                    done.Add(Make());
                    _pending.Clear();
                    _pendingSpeakers.Clear();
                    _pending.TryAdd(piece);
                }

                if (_pending.Count == 1)
                {
                    _pendingStart = startTime;
                    _pendingSpeaker = _speaker;
                }

                if (_speaker is not null && !_pendingSpeakers.Contains(_speaker, StringComparer.Ordinal))
                {
                    _pendingSpeakers.Add(_speaker);
                }
            }
        }

        private Chunk Make() =>
            new(_index++, _pending.Text, _pending.Tokens, _pendingStart, _pendingSpeaker, _pendingSpeakers.Count > 0 ? [.. _pendingSpeakers] : null);

        // The start time of the last segment beginning at or before the position. A binary search: a linear scan per sentence
        // made a 230,000-cue transcript take minutes (quadratic), past the activity's timeout on a loaded machine.
        private TimeSpan? StartTimeAt(long position)
        {
            var found = LastAtOrBefore(position);
            return found < 0 ? null : _offsets[found].Start;
        }

        // Segments that begin before the position are no longer needed, except the last one (the text at the position is in it).
        private void DropOffsetsBefore(long position)
        {
            var found = LastAtOrBefore(position);
            if (found > 0)
            {
                _offsets.RemoveRange(0, found);
            }
        }

        private int LastAtOrBefore(long position)
        {
            int low = 0;
            int high = _offsets.Count - 1;
            int found = -1;
            while (low <= high)
            {
                int middle = low + ((high - low) / 2);
                if (_offsets[middle].Offset <= position)
                {
                    found = middle;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return found;
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
