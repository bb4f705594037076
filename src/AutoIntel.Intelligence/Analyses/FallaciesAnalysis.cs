using System.Globalization;
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

/// <summary>Suspected reasoning fallacies of each chunk, with the words that show them and who said them (built-in, standard depth and deeper).</summary>
public sealed class FallaciesAnalysis : ChunkAnalysis<IReadOnlyList<Fallacy>>
{
    /// <summary>Fallacies shown on Discord (the Markdown report lists them all).</summary>
    public const int MaxShownOnDiscord = 3;

    private const int QuoteChars = 280;

    /// <inheritdoc />
    public override string Name => "fallacies";

    /// <inheritdoc />
    public override string Title => "Possible fallacies";

    /// <inheritdoc />
    public override Depth MinDepth => Depth.Standard;

    /// <inheritdoc />
    public override int SinceVersion => 1;

    /// <inheritdoc />
    public override int Position => 30;

    /// <inheritdoc />
    public override string LegacyActivity => "FindFallacies";

    /// <inheritdoc />
    public override int DeclaredSince => 4;

    /// <inheritdoc />
    public override string JsonProperty => "fallacies";

    /// <inheritdoc />
    public override int SimulatedOutputTokens => 250;

    /// <inheritdoc />
    public override string ExampleAnswer => """{"fallacies":[],"ignoredInstructions":[]}""";

    /// <inheritdoc />
    public override StructuredTask<IReadOnlyList<Fallacy>> Prompt { get; } = AnalysisTasks.Define<FallaciesAnswer, IReadOnlyList<Fallacy>>(
        TaskTypes.Fallacies,
        "fallacies/v2",
        "Find reasoning fallacies in the data. For each: type in snake_case (e.g. ad_hominem, straw_man, slippery_slope, false_dilemma, appeal_to_authority), the verbatim quote, a one-sentence explanation, confidence 0..1, and who says it (the speaker label of its turn, or null). Return an empty list when there are none; do not invent fallacies.",
        500,
        (a, input) => [.. a.Fallacies.Select(f => new Fallacy(
            AnalysisTasks.SnakeCase(f.Type),
            input.Unlabelled(Grounding.Check(f.Quote.Trim(), input, "quote")),
            f.Explanation.Trim(),
            f.Confidence,
            input.ChunkIndex,
            input.SpeakerOf(f.Speaker, f.Quote)))]);

    /// <inheritdoc />
    /// <remarks>Phrase patterns per fallacy type (<see cref="FallacyDetector"/>); each goes to the speaker of the turn its quote is in.</remarks>
    public override IReadOnlyList<Fallacy> Offline(string text, Chunk chunk) =>
        OfflineAnalyzer.Attributed(chunk, FallacyDetector.Find(text, chunk.Index), (f, turns) =>
            f with { Speaker = turns.Of(chunk.Text, f.Quote), Quote = turns.WithoutLeadingLabel(f.Quote) });

    /// <inheritdoc />
    /// <remarks>Data: every chunk's fallacies, most confident first (chunk order breaks ties). Markdown: each type, confidence, quote, speaker
    /// and explanation. Discord: the <see cref="MaxShownOnDiscord"/> most confident, one field each.</remarks>
    protected override SectionContent Render(IReadOnlyList<IReadOnlyList<Fallacy>> perChunk)
    {
        List<Fallacy> fallacies = [.. perChunk.SelectMany(f => f).OrderByDescending(f => f.Confidence).ThenBy(f => f.ChunkIndex)];
        var md = new StringBuilder();
        foreach (var f in SectionText.Listed(fallacies))
        {
            md.Append("- **").Append(SectionText.Humanize(f.Type)).Append("** (").Append(SectionText.Percent(f.Confidence)).Append("): \u201C")
              .Append(MarkdownText.Inline(MarkdownText.Truncate(f.Quote, QuoteChars))).Append('\u201D').Append(SectionText.SaidBy(f.Speaker)).Append(" \u2014 ")
              .Append(MarkdownText.Inline(f.Explanation)).Append('\n');
        }

        SectionText.AppendUnlisted(md, fallacies.Count, "suspected fallacy", "suspected fallacies");
        List<SectionField> fields = [.. fallacies.Take(MaxShownOnDiscord).Select(f => new SectionField(
            $"{f.Type.Replace('_', ' ')} \u00B7 {f.Confidence.ToString("P0", CultureInfo.InvariantCulture)}",
            $"\u201C{f.Quote}\u201D{(f.Speaker is null ? string.Empty : $" ({f.Speaker})")} \u2014 {f.Explanation}"))];
        return new SectionContent(fallacies, md.ToString(), fields);
    }
}
