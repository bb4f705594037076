using System.Runtime.CompilerServices;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;

namespace AutoIntel.Core.Tests.Text;

/// <summary>The chunker reads segments as they come and packs a turn's complete sentences once its text passes a window; these check
/// that the window changes nothing (every chunk is the one the whole turn at once gives) and that nothing waits for the end.</summary>
public sealed class ChunkerStreamingTests
{
    // Sentence breaks that depend on what follows: abbreviations, initials, initialisms before openers or not, decimals, numbers,
    // ellipses, closing quotes, paragraph breaks, and a long unpunctuated run that has to be cut between words.
    private static readonly string[] Pieces =
    [
        "Dr. Okafor said so.", "It cost $4.2 million.", "The U.S. Army came.", "The U.S. then left.", "See No. 5 for more.", "The answer was no. Then",
        "silence...", "She asked \"why?\"", "They said (quietly.)", "Acme Inc. The firm grew.", "Acme Inc. grew fast", "e.g. this one",
        "J. R. Smith wrote it.", "Wait?! Really.", "3.5 percent of it", "example.com works", "A.m. or p.m. The end.", "and then",
        "\n\nA new paragraph.", "words words words words words words words words words words words words words words words words",
        "Yes.", "no", "The end", "- quoted", "\u201CHello.\u201D The reply.", "etc. And so",
    ];

    private static readonly string?[] Speakers = [null, null, null, "Ann Lee", "Bo", "Ann Lee", "ann lee:", "  "];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(300)]
    public void Split_SmallScanWindow_SameChunksAsWholeTurns(int scanChars)
    {
        IReadOnlyList<TranscriptSegment> segments = Transcript(seed: scanChars, count: 600);

        List<Chunk> streamed = [.. Chunker.Split(segments, maxTokens: 30, scanChars)];
        List<Chunk> whole = [.. Chunker.Split(segments, maxTokens: 30, int.MaxValue)];

        streamed.Should().HaveCountGreaterThan(20);
        streamed.Should().BeEquivalentTo(whole, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Split_Transcript_SameChunksAsTheLazySplit()
    {
        IReadOnlyList<TranscriptSegment> segments = Transcript(seed: 3, count: 300);

        IReadOnlyList<Chunk> fromTranscript = Chunker.Split(new Transcript("t", "s", segments), 25);

        fromTranscript.Should().BeEquivalentTo(Chunker.Split(segments, 25), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task SplitAsync_LongTranscript_FirstChunkComesBeforeMostSegmentsAreRead()
    {
        const int total = 20_000;
        var counter = new PullCounter();

        await using IAsyncEnumerator<Chunk> chunks = Chunker.SplitAsync(counter.Segments(total), 50).GetAsyncEnumerator();
        bool any = await chunks.MoveNextAsync();

        any.Should().BeTrue();
        chunks.Current.Index.Should().Be(0);
        counter.Pulled.Should().BeLessThan(total / 10, "the chunker packs complete sentences as a window fills, not at the end of the input");
    }

    [Fact]
    public async Task SplitAsync_SameChunksAsSplit()
    {
        IReadOnlyList<TranscriptSegment> segments = Transcript(seed: 11, count: 400);

        List<Chunk> streamed = [];
        await foreach (Chunk chunk in Chunker.SplitAsync(segments.ToAsyncEnumerable(), 40))
        {
            streamed.Add(chunk);
        }

        streamed.Should().BeEquivalentTo(Chunker.Split(segments, 40), o => o.WithStrictOrdering());
    }

    private static List<TranscriptSegment> Transcript(int seed, int count)
    {
        var random = new Random(seed);
        var segments = new List<TranscriptSegment>(count);
        for (int i = 0; i < count; i++)
        {
            string text = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            string? speaker = random.Next(6) == 0 ? Speakers[random.Next(Speakers.Length)] : null;
            TimeSpan? start = random.Next(10) == 0 ? null : TimeSpan.FromSeconds(i * 2);
            segments.Add(new TranscriptSegment(random.Next(40) == 0 ? " " : text, start, null, speaker));
        }

        return segments;
    }

    private sealed class PullCounter
    {
        public int Pulled { get; private set; }

        public async IAsyncEnumerable<TranscriptSegment> Segments(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (int i = 0; i < count; i++)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                Pulled++;
                yield return new TranscriptSegment($"Sentence number {i} says something about the grid.", TimeSpan.FromSeconds(i));
            }
        }
    }
}
