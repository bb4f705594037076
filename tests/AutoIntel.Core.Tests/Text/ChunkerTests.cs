using AutoIntel.Core.Content;
using AutoIntel.Core.Text;

namespace AutoIntel.Core.Tests.Text;

public sealed class ChunkerTests
{
    private static readonly string[] Words =
    [
        "the", "council", "voted", "on", "a", "budget", "of", "$4.2", "million", "for", "new", "bus", "lanes", "and", "critics",
        "said", "it", "would", "never", "work", "because", "traffic", "had", "grown", "by", "12%", "since", "2019", "Dr.", "Okafor",
        "disagreed", "strongly", "e.g.", "citing", "antidisestablishmentarianism", "studies",
    ];

    [Fact]
    public void Split_EmptyTranscript_ReturnsNoChunks()
    {
        var transcript = new Transcript("t", "s", []);

        Chunker.Split(transcript, 100).Should().BeEmpty();
    }

    [Fact]
    public void Split_ShortTranscript_OneChunkWithFirstSegmentStart()
    {
        var transcript = new Transcript("t", "s",
        [
            new TranscriptSegment("Welcome back to the show.", TimeSpan.FromSeconds(3)),
            new TranscriptSegment("Today we talk about trains.", TimeSpan.FromSeconds(6)),
        ]);

        var chunks = Chunker.Split(transcript, 100);

        chunks.Should().ContainSingle();
        chunks[0].Should().Be(new Chunk(0, "Welcome back to the show. Today we talk about trains.", 12, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Split_SentenceAcrossSegments_IsNotCutAtTheSegmentBoundary()
    {
        var transcript = new Transcript("t", "s",
        [
            new TranscriptSegment("First sentence here.", TimeSpan.FromSeconds(1)),
            new TranscriptSegment("The second one runs", TimeSpan.FromSeconds(2)),
            new TranscriptSegment("over two subtitle lines.", TimeSpan.FromSeconds(3)),
        ]);

        var chunks = Chunker.Split(transcript, 10);

        chunks.Select(c => c.Text).Should().Equal("First sentence here.", "The second one runs over two subtitle lines.");
        chunks[1].Start.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Split_SentenceLongerThanMax_IsCutBetweenWords()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 25)) + ".";
        var transcript = new Transcript("t", "s", [new TranscriptSegment("Short one. " + sentence)]);

        var chunks = Chunker.Split(transcript, 10);

        chunks.Should().OnlyContain(c => c.TokenCount <= 10);
        string.Join(' ', chunks.Select(c => c.Text)).Should().Be("Short one. " + sentence);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 12)]
    [InlineData(3, 40)]
    [InlineData(4, 200)]
    [InlineData(5, 1)]
    [InlineData(6, 3)]
    public void Split_RandomTranscripts_KeepTextOrderAndLimits(int seed, int maxTokens)
    {
        var random = new Random(seed);
        for (var round = 0; round < 30; round++)
        {
            var transcript = RandomTranscript(random);

            var chunks = Chunker.Split(transcript, maxTokens);

            // No text lost and order kept: the chunk texts, read in order, are the transcript's words.
            NonSpace(string.Concat(chunks.Select(c => c.Text))).Should().Be(NonSpace(transcript.FullText));
            chunks.Select(c => c.Index).Should().Equal(Enumerable.Range(0, chunks.Count));
            chunks.Should().OnlyContain(c => c.TokenCount == TokenCounter.Default.Count(c.Text));
            chunks.Should().OnlyContain(c => c.TokenCount <= maxTokens || IsSingleUnsplittableCharacter(c.Text));
            chunks.Should().OnlyContain(c => c.Start != null);
            Chunker.Split(transcript, maxTokens).Should().Equal(chunks);
        }
    }

    [Fact]
    public void Split_ChunksWithinLimit_NeverCutASentence()
    {
        var random = new Random(7);
        var transcript = RandomTranscript(random);
        var sentences = SentenceSplitter.Split(transcript.FullText);
        var max = sentences.Max(s => TokenCounter.Default.Count(s));

        var chunks = Chunker.Split(transcript, max);

        var rejoined = chunks.SelectMany(c => SentenceSplitter.Split(c.Text)).ToList();
        rejoined.Should().Equal(sentences);
    }

    private static Transcript RandomTranscript(Random random)
    {
        var segments = new List<TranscriptSegment>();
        var at = TimeSpan.Zero;
        var count = random.Next(1, 25);
        for (var s = 0; s < count; s++)
        {
            var words = Enumerable.Range(0, random.Next(1, 30)).Select(_ => Words[random.Next(Words.Length)]).ToList();
            var text = string.Join(' ', words);
            text = char.ToUpperInvariant(text[0]) + text[1..] + (random.Next(3) == 0 ? string.Empty : random.Next(4) == 0 ? "?" : ".");
            segments.Add(new TranscriptSegment(text, at, at + TimeSpan.FromSeconds(4)));
            at += TimeSpan.FromSeconds(4);
        }

        return new Transcript("random", "test", segments);
    }

    private static string NonSpace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static bool IsSingleUnsplittableCharacter(string text) => text.Length == 1;
}
