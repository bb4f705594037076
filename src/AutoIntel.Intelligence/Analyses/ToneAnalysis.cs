using System.Text;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.Intelligence.Prompts.Answers;
using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>Tone of each chunk: a label, a sentiment and the phrases behind them (built-in, standard depth and deeper).</summary>
public sealed class ToneAnalysis : ChunkAnalysis<ToneReport>
{
    /// <inheritdoc />
    public override string Name => "tone";

    /// <inheritdoc />
    public override string Title => "Tone";

    /// <inheritdoc />
    public override Depth MinDepth => Depth.Standard;

    /// <inheritdoc />
    public override int SinceVersion => 1;

    /// <inheritdoc />
    public override int Position => 40;

    /// <inheritdoc />
    public override string LegacyActivity => "AssessTone";

    /// <inheritdoc />
    public override int DeclaredSince => 3;

    /// <inheritdoc />
    public override string JsonProperty => "tone";

    /// <inheritdoc />
    public override int SimulatedOutputTokens => 120;

    /// <inheritdoc />
    public override string ExampleAnswer => """{"label":"neutral","sentiment":0,"cues":[],"ignoredInstructions":[]}""";

    /// <inheritdoc />
    public override StructuredTask<ToneReport> Prompt { get; } = AnalysisTasks.Define<ToneAnswer, ToneReport>(
        TaskTypes.Tone,
        "tone/v1",
        "Classify the tone of the data (label), its sentiment from -1 to 1, and the phrases that signal it (kind and verbatim quote).",
        300,
        (a, input) => new ToneReport(
            input.ChunkIndex,
            a.Label.Trim().ToLowerInvariant(),
            a.Sentiment,
            [.. a.Cues.Select(c => new ToneCue(c.Kind.Trim(), Grounding.Check(c.Quote.Trim(), input, "quote")))]));

    /// <inheritdoc />
    public override ToneReport Offline(string text, Chunk chunk) => ToneAssessor.Assess(text, chunk.Index);

    /// <inheritdoc />
    /// <remarks>Data: the chunks' reports in chunk order. Markdown: the most frequent label and the average sentiment, then each part (the first
    /// <see cref="SectionText.ListedInReport"/>) with up to three cues. No Discord embed.</remarks>
    protected override SectionContent Render(IReadOnlyList<ToneReport> perChunk)
    {
        if (perChunk.Count == 0)
        {
            return new SectionContent(perChunk, string.Empty, []);
        }

        var md = new StringBuilder();
        var overall = perChunk.GroupBy(t => t.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        md.Append("Overall: **").Append(MarkdownText.Inline(overall)).Append("** (average sentiment ")
          .Append(SectionText.Signed(perChunk.Average(t => t.Sentiment))).Append(")\n\n");
        foreach (var t in SectionText.Listed(perChunk))
        {
            md.Append("- Part ").Append(t.ChunkIndex + 1).Append(": ").Append(MarkdownText.Inline(t.Label))
              .Append(", sentiment ").Append(SectionText.Signed(t.Sentiment));
            foreach (var cue in t.Cues.Take(3))
            {
                md.Append("; ").Append(MarkdownText.Inline(cue.Kind)).Append(" \u201C")
                  .Append(MarkdownText.Inline(MarkdownText.Truncate(cue.Quote, 120))).Append('\u201D');
            }

            md.Append('\n');
        }

        SectionText.AppendUnlisted(md, perChunk.Count, "part", "parts");
        return new SectionContent(perChunk, md.ToString(), []);
    }
}
