namespace AutoIntel.Core.FactCheck;

/// <summary>One provider of evidence for claims (a fact-check index, an encyclopedia, a web search).</summary>
public interface IEvidenceSource
{
    /// <summary>A short, stable name: the <see cref="Evidence.Source"/> of its items and part of its cache key.</summary>
    string Name { get; }

    /// <summary>What one query costs in USD (0 for free APIs), counted against the run's evidence budget.</summary>
    decimal CostPerQueryUsd { get; }

    /// <summary>The source's search requires every keyword to match (MediaWiki's CirrusSearch): when <see cref="EvidenceQuery.Keywords"/> find
    /// nothing, the gatherer asks once more with <see cref="EvidenceQuery.ShorterKeywords"/>, if the run's budget allows.</summary>
    bool MatchesEveryKeyword => false;

    /// <summary>Evidence for one claim, best first; an empty list when the source knows nothing about it.</summary>
    /// <exception cref="EvidenceUnavailableException">The source could not answer (quota, error, unreachable).</exception>
    Task<IReadOnlyList<Evidence>> SearchAsync(EvidenceQuery query, CancellationToken cancellationToken = default);
}

/// <summary>What to look up: the claim and the language of the content it came from.</summary>
/// <param name="Language">ISO 639-1 code (e.g. <c>en</c>, <c>de</c>).</param>
/// <param name="Keywords">The claim's key terms, for keyword search engines that match every word (MediaWiki).</param>
/// <param name="ShorterKeywords">Fewer key terms, asked when <paramref name="Keywords"/> find nothing; null when there is no useful shorter query.</param>
public sealed record EvidenceQuery(string ClaimText, string Language, string Keywords, string? ShorterKeywords = null);
