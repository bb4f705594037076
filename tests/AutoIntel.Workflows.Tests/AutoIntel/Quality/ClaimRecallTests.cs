using AutoIntel.Core.Content;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Text;
using AutoIntel.Ingestion;
using AutoIntel.Ingestion.Transcription;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Offline;
using AutoIntel.TestKit;
using Xunit.Abstractions;

namespace AutoIntel.Workflows.Tests.AutoIntel.Quality;

/// <summary>Offline claim recall against claims marked by hand on the samples (<c>samples/claims/*.claims</c>), through the same parsing
/// and chunking as a run; the figures are recorded in docs/analysis.md.</summary>
public sealed class ClaimRecallTests(ITestOutputHelper output)
{
    public static TheoryData<string, double> Samples => new()
    {
        { "podcast-transcript.srt", 0.85 },
        { "article.html", 0.85 },
        { "radio-call-in-water.txt", 0.85 },
        { "council-debate-bus-lanes.txt", 0.85 },
        { "interview-bird-migration.vtt", 0.85 },
        { "phone-in-household-money.txt", 0.85 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task ExtractClaims_HandMarkedSample_FindsMostCheckableFacts(string sample, double minimumRecall)
    {
        var found = await ExtractAsync(sample, Depth.Deep);
        var gold = Gold(sample);

        var missed = gold.Where(g => !found.Any(c => c.Text.Contains(g, StringComparison.OrdinalIgnoreCase))).ToList();
        var unmarked = found.Where(c => !gold.Any(g => c.Text.Contains(g, StringComparison.OrdinalIgnoreCase))).ToList();
        var recall = (gold.Count - missed.Count) / (double)gold.Count;
        output.WriteLine($"{sample}: recall {gold.Count - missed.Count}/{gold.Count} = {recall:P0}; extracted {found.Count}, of which {unmarked.Count} not hand-marked");
        missed.ForEach(m => output.WriteLine($"  missed: {m}"));
        unmarked.ForEach(u => output.WriteLine($"  not marked: {u.Text}"));

        recall.Should().BeGreaterThanOrEqualTo(minimumRecall);
        found.Where(c => gold.Any(g => c.Text.Contains(g, StringComparison.OrdinalIgnoreCase)))
            .Should().Contain(c => !c.Text.Any(char.IsDigit), "facts without numbers are claims too");
    }

    [Fact]
    public async Task ExtractClaims_SameSample_FindsTheSameClaimsAtEveryDepth()
    {
        var quick = await ExtractAsync("podcast-transcript.srt", Depth.Quick);
        var deep = await ExtractAsync("podcast-transcript.srt", Depth.Deep);

        // Depth changes the chunking, not what counts as a claim: the claims found are the same set of sentences.
        quick.Select(c => c.Id).Should().BeEquivalentTo(deep.Select(c => c.Id));
    }

    private static async Task<List<Claim>> ExtractAsync(string sample, Depth depth)
    {
        var path = RepoPaths.Sample(sample);
        var text = TextDecoder.Decode(await File.ReadAllBytesAsync(path), "text/plain");
        IReadOnlyList<TranscriptSegment> segments = Path.GetExtension(path) switch
        {
            ".srt" or ".vtt" => SubtitleParser.Parse(text),
            ".html" => [.. HtmlTextExtractor.Extract(text).Blocks.Select(b => new TranscriptSegment(b))],
            _ => PlainTextParser.Parse(text, markdown: false),
        };
        var profile = DepthProfile.For(depth);
        var chunks = Chunker.Split(new Transcript(sample, path, segments), profile.ChunkTokens);
        var analyzer = new OfflineAnalyzer();
        var request = new AnalysisRequest("recall", "local", depth);
        var claims = new List<Claim>();
        foreach (var chunk in chunks)
        {
            claims.AddRange((await analyzer.ExtractClaimsAsync(request, chunk)).Value);
        }

        return [.. claims.DistinctBy(c => c.Id)];
    }

    private static List<string> Gold(string sample) =>
        [.. File.ReadAllLines(RepoPaths.Sample(Path.Combine("claims", sample + ".claims")))
            .Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0)];
}
