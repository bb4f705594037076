using System.Text;
using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.Intelligence.Prompts.Answers;
using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>The summary (built-in, every depth, map-reduce): key points of each chunk, reduced to one paragraph and the key points of the
/// whole; it leads the briefing (Markdown before the claims, the Discord header's description and "Key points" field).</summary>
public sealed class SummaryAnalysis : MapReduceAnalysis<ChunkSummary, Summary>
{
    /// <summary>Its name: the section readers of the summary look it up by (<see cref="In"/>).</summary>
    public const string SectionName = "summary";

    /// <inheritdoc />
    public override string Name => SectionName;

    /// <inheritdoc />
    public override string Title => "Summary";

    /// <inheritdoc />
    public override Depth MinDepth => Depth.Quick;

    /// <inheritdoc />
    public override int SinceVersion => 1;

    /// <inheritdoc />
    /// <remarks>First: the workflow has always scheduled the summary before every other analysis.</remarks>
    public override int Position => 10;

    /// <inheritdoc />
    public override bool Lead => true;

    /// <inheritdoc />
    public override string LegacyActivity => "SummarizeChunk";

    /// <inheritdoc />
    public override string LegacyReduceActivity => "ReduceSummary";

    /// <inheritdoc />
    /// <remarks>Version 7 is left to a <see cref="WorkflowVersions"/> entry of another change.</remarks>
    public override int DeclaredSince => 8;

    /// <inheritdoc />
    public override string JsonProperty => SectionName;

    /// <inheritdoc />
    public override int SimulatedOutputTokens => 200;

    /// <inheritdoc />
    public override int SimulatedReduceOutputTokens => 450;

    /// <inheritdoc />
    public override string ExampleAnswer => """{"keyPoints":["A point."],"ignoredInstructions":[]}""";

    /// <inheritdoc />
    public override StructuredTask<ChunkSummary> Prompt { get; } = AnalysisTasks.Define<SummaryMapAnswer, ChunkSummary>(
        TaskTypes.Summary,
        "summary-map/v1",
        "List the 3 to 7 most important points of the data block, each one plain sentence, in the order they appear.",
        350,
        (a, input) => new ChunkSummary(input.ChunkIndex, AnalysisTasks.NonEmpty(AnalysisTasks.Clean(a.KeyPoints), "keyPoints")));

    /// <inheritdoc />
    public override StructuredTask<Summary> ReducePrompt { get; } = AnalysisTasks.Define<SummaryReduceAnswer, Summary>(
        TaskTypes.Summary,
        "summary-reduce/v1",
        "The data holds key points of consecutive parts of one source. Write a faithful summary of the whole (one paragraph, at most 150 words) and the 5 to 10 most important key points.",
        500,
        (a, _) => new Summary(a.Text.Trim(), AnalysisTasks.NonEmpty(AnalysisTasks.Clean(a.KeyPoints), "keyPoints")));

    /// <inheritdoc />
    /// <remarks>Key points are the top-ranked sentences of the chunk (<see cref="ExtractiveSummarizer"/>), listed in source order so the
    /// reduce step can keep it.</remarks>
    public override ChunkSummary Offline(string text, Chunk chunk) => new(chunk.Index, ExtractiveSummarizer.KeySentences(text));

    /// <inheritdoc />
    public override TaskInput ReduceInput(IReadOnlyList<ChunkSummary> parts) =>
        new([.. parts.Select(p => new DataSection($"key points of part {p.ChunkIndex + 1}", "- " + string.Join("\n- ", p.KeyPoints)))]);

    /// <inheritdoc />
    public override Summary OfflineReduce(IReadOnlyList<ChunkSummary> parts) => ExtractiveSummarizer.Reduce(parts);

    /// <inheritdoc />
    protected override Summary Nothing { get; } = new(string.Empty, []);

    /// <summary>The run's summary, from its briefing sections; the empty summary when the section is missing.</summary>
    public static Summary In(IReadOnlyList<BriefingSection>? sections) =>
        sections?.FirstOrDefault(s => s.Name == SectionName)?.Data.Deserialize<Summary>(AutoIntelJson.Options) ?? new Summary(string.Empty, []);

    /// <inheritdoc />
    /// <remarks>Markdown: the paragraph (or "No summary was produced."), then "**Key points**" as a list; Discord: the paragraph as the
    /// header's description and the key points as its field.</remarks>
    protected override SectionContent RenderReduced(Summary reduced)
    {
        var md = new StringBuilder();
        md.Append(string.IsNullOrWhiteSpace(reduced.Text) ? "_No summary was produced._" : MarkdownText.Block(reduced.Text)).Append("\n\n");
        if (reduced.KeyPoints.Count > 0)
        {
            md.Append("**Key points**\n\n");
            foreach (var point in reduced.KeyPoints)
            {
                md.Append("- ").Append(MarkdownText.Inline(point)).Append('\n');
            }
        }

        IReadOnlyList<SectionField> fields = reduced.KeyPoints.Count > 0
            ? [new SectionField("Key points", string.Join('\n', reduced.KeyPoints.Select(p => "\u2022 " + p)))]
            : [];
        return new SectionContent(reduced, md.ToString(), fields, reduced.Text);
    }
}
