using System.Globalization;
using System.Text;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.Intelligence.Prompts.Answers;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>Loaded language (bias in word choice): terms picked for their emotional charge rather than their content, with a neutral wording.</summary>
public sealed class LoadedLanguageAnalysis : ChunkAnalysis<IReadOnlyList<LoadedTerm>>
{
    public const string Pejorative = "pejorative";
    public const string Hyperbole = "hyperbole";
    public const string Euphemism = "euphemism";
    public const string Fear = "fear";
    public const string Flattering = "flattering";

    private const int TermsShown = 5;

    /// <inheritdoc />
    public override string Name => "loaded_language";

    /// <inheritdoc />
    public override string Title => "Loaded language";

    /// <inheritdoc />
    public override Depth MinDepth => Depth.Standard;

    /// <inheritdoc />
    public override int SinceVersion => 2;

    /// <inheritdoc />
    public override int SimulatedOutputTokens => 200;

    /// <inheritdoc />
    public override string ExampleAnswer => """{"terms":[],"ignoredInstructions":[]}""";

    /// <inheritdoc />
    public override StructuredTask<IReadOnlyList<LoadedTerm>> Prompt { get; } = AnalysisTasks.Define<LoadedLanguageAnswer, IReadOnlyList<LoadedTerm>>(
        "loaded_language",
        "loaded-language/v1",
        "Find loaded language in the data: words or short phrases chosen for their emotional charge rather than their content. For each: the term " +
        "verbatim, its kind (pejorative label, hyperbole, euphemism, fear appeal, flattering label), the verbatim sentence that uses it, and a neutral " +
        "wording of the same content. Do not flag words used literally (a flood that was catastrophic) or technical terms. Return an empty list when the wording is neutral.",
        400,
        (a, input) => [.. a.Terms.Select(t => new LoadedTerm(
            InQuote(t.Term.Trim(), t.Quote),
            t.Kind.Trim().ToLowerInvariant(),
            input.Unlabelled(Grounding.Check(t.Quote.Trim(), input, "quote")),
            t.Neutral.Trim(),
            input.ChunkIndex,
            input.SpeakerOf(null, t.Quote)))]);

    /// <inheritdoc />
    /// <remarks>Each term goes to the speaker of the turn its sentence is in (a sentence cut for length is looked up by its opening words).</remarks>
    public override IReadOnlyList<LoadedTerm> Offline(string text, Chunk chunk) =>
        OfflineAnalyzer.Attributed(chunk, LoadedLanguageDetector.Find(text, chunk.Index), (t, turns) =>
            t with { Speaker = turns.Of(chunk.Text, t.Quote.TrimEnd('\u2026')) });

    /// <inheritdoc />
    protected override SectionContent Render(IReadOnlyList<IReadOnlyList<LoadedTerm>> perChunk)
    {
        // The same term across chunks is one entry: most used first, then by first appearance, so replays render identically.
        List<LoadedTermUse> uses = [.. perChunk.SelectMany(c => c)
            .Select((t, order) => (Term: t, Order: order))
            .GroupBy(x => x.Term.Term.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => new LoadedTermUse(g.First().Term.Term, g.First().Term.Kind, g.First().Term.Neutral, g.Count(),
                [.. g.Select(x => new LoadedQuote(x.Term.Quote, x.Term.Speaker)).DistinctBy(q => q.Text, StringComparer.Ordinal).Take(3)], g.Min(x => x.Order)))
            .OrderByDescending(u => u.Uses)
            .ThenBy(u => u.FirstSeen)];
        if (uses.Count == 0)
        {
            return new SectionContent(new { Terms = uses }, "_No loaded terms were found._", []);
        }

        var md = new StringBuilder();
        foreach (var u in uses)
        {
            md.Append("- **\u201C").Append(MarkdownText.Inline(u.Term)).Append("\u201D** (").Append(MarkdownText.Inline(u.Kind))
              .Append(u.Uses > 1 ? string.Create(CultureInfo.InvariantCulture, $", \u00D7{u.Uses}") : string.Empty).Append(')');
            if (u.Neutral.Length > 0)
            {
                md.Append(" — neutral: ").Append(MarkdownText.Inline(u.Neutral));
            }

            md.Append('\n');
            foreach (var quote in u.Quotes)
            {
                md.Append("  - \u201C").Append(MarkdownText.Inline(quote.Text)).Append('\u201D').Append(SectionText.SaidBy(quote.Speaker)).Append('\n');
            }
        }

        List<SectionField> fields = [.. uses.Take(TermsShown).Select(u => new SectionField(
            $"\u201C{u.Term}\u201D · {u.Kind}{(u.Uses > 1 ? string.Create(CultureInfo.InvariantCulture, $" \u00D7{u.Uses}") : string.Empty)}",
            $"\u201C{u.Quotes[0].Text}\u201D{(u.Quotes[0].Speaker is null ? string.Empty : $" ({u.Quotes[0].Speaker})")}{(u.Neutral.Length > 0 ? $"\nneutral: {u.Neutral}" : string.Empty)}"))];
        if (uses.Count > TermsShown)
        {
            fields.Add(new SectionField("More loaded terms", $"{uses.Count - TermsShown} more are in the attached report."));
        }

        return new SectionContent(new { Terms = uses }, md.ToString(), fields);
    }

    private static string InQuote(string term, string quote) =>
        quote.Contains(term, StringComparison.OrdinalIgnoreCase) ? term : throw new OutputValidationException($"'term' must appear in its quote (was '{term}').");
}

/// <summary>A loaded term in one chunk: the words, their kind, the sentence that uses them, a neutral wording and who said it.</summary>
/// <param name="Kind"><c>pejorative</c>, <c>hyperbole</c>, <c>euphemism</c>, <c>fear</c> or <c>flattering</c>.</param>
/// <param name="Speaker">The speaker of the turn the sentence is in; null without speaker labels (and in results stored before speakers).</param>
public sealed record LoadedTerm(string Term, string Kind, string Quote, string Neutral, int ChunkIndex, string? Speaker = null);

/// <summary>A sentence that uses a loaded term, and who said it (null when unknown).</summary>
public sealed record LoadedQuote(string Text, string? Speaker);

/// <summary>A loaded term across the whole source, as the briefing shows it.</summary>
/// <param name="Quotes">Up to three distinct sentences that use it, each with its speaker.</param>
/// <param name="FirstSeen">Order of its first use (for a stable order).</param>
public sealed record LoadedTermUse(string Term, string Kind, string Neutral, int Uses, IReadOnlyList<LoadedQuote> Quotes, int FirstSeen);
