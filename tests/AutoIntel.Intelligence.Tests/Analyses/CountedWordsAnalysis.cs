using System.ComponentModel.DataAnnotations;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.Intelligence.Prompts.Answers;
using AutoIntel.Core.Text;

namespace AutoIntel.Intelligence.Tests.Analyses;

/// <summary>A declared analysis that lives in the tests (so the catalog does not find it): how many words a chunk has.</summary>
/// <remarks>Names and version are settable so tests can break the catalog's rules one at a time.</remarks>
internal sealed class CountedWordsAnalysis(string name = "counted_words", int sinceVersion = 2, string? promptTaskType = null) : ChunkAnalysis<int>
{
    public override string Name => name;

    public override string Title => "Counted words";

    public override Depth MinDepth => Depth.Standard;

    public override int SinceVersion => sinceVersion;

    public override int SimulatedOutputTokens => 10;

    public override string ExampleAnswer => """{"words":7,"ignoredInstructions":[]}""";

    public override StructuredTask<int> Prompt { get; } = AnalysisTasks.Define<CountAnswer, int>(
        promptTaskType ?? name, "counted-words/v1", "Count the words of the data block.", 20, (a, _) => a.Words);

    public override int Offline(string text, Chunk chunk) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    protected override SectionContent Render(IReadOnlyList<int> perChunk) =>
        new(new { Words = perChunk.Sum() }, $"{perChunk.Sum()} words in {perChunk.Count} parts", [new SectionField("Words", perChunk.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    internal sealed record CountAnswer : TaskAnswer
    {
        [Range(0, 100_000)]
        public required int Words { get; init; }
    }
}
