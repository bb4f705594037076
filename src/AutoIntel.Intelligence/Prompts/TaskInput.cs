using AutoIntel.Core.Text;

namespace AutoIntel.Intelligence.Prompts;

/// <summary>The untrusted material of one call and the context its answer is validated against.</summary>
/// <param name="Sections">Content to analyse, delimited as data in the prompt.</param>
/// <param name="Grounding">Text that quotes in the answer must come from (usually the chunk), or null.</param>
/// <param name="ChunkIndex">Chunk the answer belongs to (copied into results).</param>
/// <param name="Speakers">The speaker turns of <paramref name="Grounding"/>: who an answer may attribute words to.</param>
public sealed record TaskInput(IReadOnlyList<DataSection> Sections, string? Grounding = null, int ChunkIndex = 0, SpeakerTurns? Speakers = null)
{
    /// <summary>Who said an answer's item: the speaker of the turn its verbatim <paramref name="quote"/> is found in, else the
    /// <paramref name="claimed"/> speaker if the data labels that speaker, else null (a model may not invent who said what).</summary>
    public string? SpeakerOf(string? claimed, string? quote = null)
    {
        if (Speakers is not { Speakers.Count: > 0 } turns)
        {
            return null;
        }

        return (Grounding is null ? null : turns.Of(Grounding, quote)) ?? turns.Known(claimed);
    }

    /// <summary>A quote without the speaker label a model may have copied with it ("Jane Doe: It works." → "It works.").</summary>
    public string Unlabelled(string quote) => Speakers?.WithoutLeadingLabel(quote) ?? quote;
}
