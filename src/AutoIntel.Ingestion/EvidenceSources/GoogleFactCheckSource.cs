using AutoIntel.Core.FactCheck;

namespace AutoIntel.Ingestion.EvidenceSources;

/// <summary>Google Fact Check Tools API <c>claims:search</c>: fact-checkers' ClaimReviews of claims like this one.</summary>
/// <remarks>Each review becomes one item: the reviewed claim as the quote, the publisher's rating in its own words, the review's link and date.</remarks>
public sealed class GoogleFactCheckSource(EvidenceHttp http, FactCheckOptions options, int maxResults) : IEvidenceSource
{
    /// <summary>The <see cref="Evidence.Source"/> of its items.</summary>
    public const string SourceName = "factcheck";

    /// <inheritdoc/>
    public string Name => SourceName;

    /// <inheritdoc/>
    public decimal CostPerQueryUsd => options.CostPerQueryUsd;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Evidence>> SearchAsync(EvidenceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = QueryString.Append(options.Endpoint, ("query", query.ClaimText), ("languageCode", query.Language), ("pageSize", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("key", options.ApiKey!));
        using var json = await http.GetJsonAsync(Name, url, cancellationToken: cancellationToken);

        // An empty answer is "{}": no claims property at all.
        var items = new List<Evidence>();
        foreach (var claim in json.RootElement.Items("claims"))
        {
            string reviewed = claim.Text("text") ?? string.Empty;
            foreach (var review in claim.Items("claimReview"))
            {
                if (JsonFields.Link(review.Text("url")) is not { } link || review.Text("textualRating") is not { } rating)
                {
                    continue;
                }

                var publisher = review.Child("publisher");
                items.Add(new Evidence(Name, JsonFields.Clip(reviewed), 0, link)
                {
                    Title = review.Text("title"),
                    Publisher = publisher.Text("name") ?? publisher.Text("site") ?? JsonFields.HostOf(link),
                    Date = review.Text("reviewDate") ?? claim.Text("claimDate"),
                    Rating = JsonFields.Clip(rating, 200),
                });
            }
        }

        return [.. items.Take(maxResults)];
    }
}
