using AutoIntel.Core.Content;
using AutoIntel.Core.Text;
using AutoIntel.Ingestion.Transcription;
using AutoIntel.TestKit;
using BenchmarkDotNet.Attributes;

namespace AutoIntel.Benchmarks;

/// <summary>Stage 4 on its own: <see cref="Chunker.Split"/> of a one-hour transcript (about 9,000 words, the podcast sample's
/// cues repeated) into 800-token chunks, as the standard depth asks.</summary>
/// <remarks>Not sealed: BenchmarkDotNet derives from benchmark classes.</remarks>
[MemoryDiagnoser]
[MedianColumn]
public class ChunkingBenchmarks
{
    private const int Words = 9_000;
    private Transcript _transcript = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cues = File.ReadAllLines(Path.Combine(RepoPaths.Root(), "samples", "podcast-transcript.srt"))
            .Where(l => l.Length > 0 && !char.IsDigit(l[0]))
            .ToArray();
        var segments = new List<TranscriptSegment>();
        var words = 0;
        for (var i = 0; words < Words; i++)
        {
            var text = cues[i % cues.Length];
            segments.Add(new TranscriptSegment(text, TimeSpan.FromSeconds(i * 4)));
            words += text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        _transcript = new Transcript("bench", "podcast-transcript.srt", segments);
    }

    /// <summary>One hour of speech into 800-token chunks.</summary>
    [Benchmark]
    public IReadOnlyList<Chunk> SplitOneHour() => Chunker.Split(_transcript, 800);

    /// <summary>The same hour with its "Name:" labels read into speakers first, as a labelled transcript is: each turn is then split
    /// on its own and opens with its label in the chunk text.</summary>
    [Benchmark]
    public IReadOnlyList<Chunk> ReadSpeakersAndSplitOneHour() => Chunker.Split(_transcript with { Segments = SpeakerPrefixes.Apply(_transcript.Segments) }, 800);
}
