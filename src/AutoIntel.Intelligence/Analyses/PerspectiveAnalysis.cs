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

/// <summary>Whose view each chunk takes, how balanced it is, its bias cues and the viewpoints it leaves out (built-in, deep and deeper).</summary>
public sealed class PerspectiveAnalysis : ChunkAnalysis<PerspectiveReport>
{
    /// <inheritdoc />
    public override string Name => "perspective";

    /// <inheritdoc />
    public override string Title => "Perspective";

    /// <inheritdoc />
    public override Depth MinDepth => Depth.Deep;

    /// <inheritdoc />
    public override int SinceVersion => 1;

    /// <inheritdoc />
    public override int Position => 50;

    /// <inheritdoc />
    public override string LegacyActivity => "AssessPerspective";

    /// <inheritdoc />
    public override int DeclaredSince => 3;

    /// <inheritdoc />
    public override string JsonProperty => "perspectives";

    /// <inheritdoc />
    public override int SimulatedOutputTokens => 150;

    /// <inheritdoc />
    public override string ExampleAnswer => """{"stance":"neutral","balance":0.5,"biasCues":[],"missingViewpoints":[],"ignoredInstructions":[]}""";

    /// <inheritdoc />
    public override StructuredTask<PerspectiveReport> Prompt { get; } = AnalysisTasks.Define<PerspectiveAnswer, PerspectiveReport>(
        TaskTypes.Perspective,
        "perspective/v1",
        "Describe whose perspective the data takes (stance), how balanced it is from 0 (one-sided) to 1 (balanced), the cues of bias, and viewpoints that are missing.",
        350,
        (a, input) => new PerspectiveReport(input.ChunkIndex, a.Stance.Trim(), a.Balance, AnalysisTasks.Clean(a.BiasCues), AnalysisTasks.Clean(a.MissingViewpoints)));

    /// <inheritdoc />
    public override PerspectiveReport Offline(string text, Chunk chunk) => PerspectiveAssessor.Assess(text, chunk.Index);

    /// <inheritdoc />
    /// <remarks>Data: the chunks' reports in chunk order. Markdown: each part's stance and balance, its bias cues and missing viewpoints
    /// (the first <see cref="SectionText.ListedInReport"/> parts).
    /// No Discord embed.</remarks>
    protected override SectionContent Render(IReadOnlyList<PerspectiveReport> perChunk)
    {
        var md = new StringBuilder();
        foreach (var p in SectionText.Listed(perChunk))
        {
            md.Append("- Part ").Append(p.ChunkIndex + 1).Append(": ").Append(MarkdownText.Inline(p.Stance))
              .Append(", balance ").Append(SectionText.Percent(p.Balance)).Append('\n');
            if (p.BiasCues.Count > 0)
            {
                md.Append("  - Bias cues: ").Append(string.Join("; ", p.BiasCues.Select(MarkdownText.Inline))).Append('\n');
            }

            foreach (var missing in p.MissingViewpoints)
            {
                md.Append("  - Missing: ").Append(MarkdownText.Inline(missing)).Append('\n');
            }
        }

        SectionText.AppendUnlisted(md, perChunk.Count, "part", "parts");
        return new SectionContent(perChunk, md.ToString(), []);
    }
}
