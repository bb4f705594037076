namespace AutoIntel.Core.FactCheck;

/// <summary>Something that bears on a claim: a remembered passage, a fact-checker's review, an encyclopedia extract, a web page.</summary>
/// <param name="Source">Where it comes from: <c>memory</c> (or the remembered link), or an evidence source (<c>factcheck</c>, <c>wikipedia</c>, <c>brave</c>, <c>searxng</c>).</param>
/// <param name="Quote">The words that bear on the claim (a passage, an extract, the claim a fact-checker reviewed).</param>
/// <param name="Relevance">0 … 1: how closely it matches the claim.</param>
public sealed record Evidence(string Source, string Quote, double Relevance, string? Url = null)
{
    /// <summary>The id the verifier cites (<c>E1</c>, <c>E2</c>, …), unique within one claim's evidence.</summary>
    public string? Id { get; init; }

    /// <summary>The page or review title.</summary>
    public string? Title { get; init; }

    /// <summary>Who published it (a fact-checker, a site).</summary>
    public string? Publisher { get; init; }

    /// <summary>When it was published or reviewed, as the source gave it (ISO 8601 where the source does).</summary>
    public string? Date { get; init; }

    /// <summary>A fact-checker's rating in the publisher's own words (e.g. <c>False</c>, <c>Missing context</c>).</summary>
    public string? Rating { get; init; }
}
