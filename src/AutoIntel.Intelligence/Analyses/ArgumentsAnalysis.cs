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

/// <summary>The arguments of each chunk: conclusions, the premises offered for them and who makes them (built-in, standard depth and deeper).</summary>
public sealed class ArgumentsAnalysis : ChunkAnalysis<IReadOnlyList<Argument>>
{
    /// <inheritdoc />
    public override string Name => "arguments";

    /// <inheritdoc />
    public override string Title => "Arguments";

    /// <inheritdoc />
    public override Depth MinDepth => Depth.Standard;

    /// <inheritdoc />
    public override int SinceVersion => 1;

    /// <inheritdoc />
    public override int Position => 20;

    /// <inheritdoc />
    public override string LegacyActivity => "FindArguments";

    /// <inheritdoc />
    public override int DeclaredSince => 4;

    /// <inheritdoc />
    public override string JsonProperty => "arguments";

    /// <inheritdoc />
    public override int SimulatedOutputTokens => 300;

    /// <inheritdoc />
    public override string ExampleAnswer => """{"arguments":[],"ignoredInstructions":[]}""";

    /// <inheritdoc />
    /// <remarks>Its task type is the one router config, learned quality and caches have always used for it, <c>argument_analysis</c>.</remarks>
    public override StructuredTask<IReadOnlyList<Argument>> Prompt { get; } = AnalysisTasks.Define<ArgumentsAnswer, IReadOnlyList<Argument>>(
        TaskTypes.ArgumentAnalysis,
        "arguments/v2",
        "Find the arguments the speaker makes: each conclusion, the premises offered for it, a verbatim quote from the data showing it, strength 0..1 (how well the premises support the conclusion), and who makes it (the speaker label of its turn, or null). Return an empty list when there are none.",
        600,
        (a, input) => [.. a.Arguments.Select(x => new Argument(
            x.Conclusion.Trim(),
            AnalysisTasks.Clean(x.Premises),
            input.Unlabelled(Grounding.Check(x.Quote.Trim(), input, "quote")),
            input.ChunkIndex,
            x.Strength,
            input.SpeakerOf(x.Speaker, x.Quote)))]);

    /// <inheritdoc />
    /// <remarks>Discourse markers (<see cref="ArgumentFinder"/>); each argument goes to the speaker of the turn its quote is in.</remarks>
    public override IReadOnlyList<Argument> Offline(string text, Chunk chunk) =>
        OfflineAnalyzer.Attributed(chunk, ArgumentFinder.Find(text, chunk.Index), (a, turns) =>
            a with { Speaker = turns.Of(chunk.Text, a.Quote), Quote = turns.WithoutLeadingLabel(a.Quote) });

    /// <inheritdoc />
    /// <remarks>Data: every chunk's arguments, strongest first (chunk order breaks ties). Markdown: each conclusion with its strength and
    /// speaker, its premises below it, the strongest <see cref="SectionText.ListedInReport"/> listed. No Discord embed.</remarks>
    protected override SectionContent Render(IReadOnlyList<IReadOnlyList<Argument>> perChunk)
    {
        List<Argument> arguments = [.. perChunk.SelectMany(a => a).OrderByDescending(a => a.Strength).ThenBy(a => a.ChunkIndex)];
        var md = new StringBuilder();
        foreach (var a in SectionText.Listed(arguments))
        {
            md.Append("- **").Append(MarkdownText.Inline(a.Conclusion)).Append("** (strength ").Append(SectionText.Percent(a.Strength)).Append(')')
              .Append(SectionText.SaidBy(a.Speaker)).Append('\n');
            foreach (var premise in a.Premises)
            {
                md.Append("  - because: ").Append(MarkdownText.Inline(premise)).Append('\n');
            }
        }

        SectionText.AppendUnlisted(md, arguments.Count, "argument", "arguments");
        return new SectionContent(arguments, md.ToString(), []);
    }
}
