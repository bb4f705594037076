using System.Globalization;
using AutoIntel.Core.FactCheck;

namespace AutoIntel.Ingestion.EvidenceSources;

/// <summary>Wikipedia or any MediaWiki: a full-text search (<c>list=search</c>), then the plain-text intros of the hits (<c>prop=extracts</c>).</summary>
/// <remarks>The wiki follows the content's language: <c>{lang}</c> in the endpoint becomes the query's language (<c>de.wikipedia.org</c>).
/// An endpoint without <c>{lang}</c> is one wiki in its own language and is asked as it is. CirrusSearch requires every word of
/// <c>srsearch</c> to match, so the query is the claim's key terms (<see cref="EvidenceQuery.Keywords"/>), and the gatherer asks once more with
/// fewer when they find nothing (<see cref="MatchesEveryKeyword"/>).</remarks>
public sealed class MediaWikiSource(EvidenceHttp http, WikipediaOptions options, int maxResults) : IEvidenceSource
{
    /// <summary>The <see cref="Evidence.Source"/> of its items.</summary>
    public const string SourceName = "wikipedia";

    /// <inheritdoc/>
    public string Name => SourceName;

    /// <inheritdoc/>
    public decimal CostPerQueryUsd => options.CostPerQueryUsd;

    /// <inheritdoc/>
    public bool MatchesEveryKeyword => true;

    /// <summary>The <c>api.php</c> of the wiki in <paramref name="language"/>.</summary>
    public Uri EndpointFor(string language) => new(options.Endpoint.Replace("{lang}", language, StringComparison.Ordinal));

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Evidence>> SearchAsync(EvidenceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Uri api = EndpointFor(query.Language);
        string limit = maxResults.ToString(CultureInfo.InvariantCulture);

        // formatversion=2: lists stay arrays and pages come as an array, in the order asked for.
        using var search = await http.GetJsonAsync(Name, QueryString.Append(api,
            ("action", "query"), ("list", "search"), ("srsearch", query.Keywords), ("srlimit", limit), ("srprop", string.Empty),
            ("format", "json"), ("formatversion", "2")), cancellationToken: cancellationToken);
        long[] pageIds = [.. search.RootElement.Child("query").Items("search")
            .Select(hit => hit.Child("pageid"))
            .Where(id => id.ValueKind == System.Text.Json.JsonValueKind.Number)
            .Select(id => id.GetInt64())
            .Take(maxResults)];
        if (pageIds.Length == 0)
        {
            return [];
        }

        using var pages = await http.GetJsonAsync(Name, QueryString.Append(api,
            ("action", "query"), ("prop", "extracts|info"), ("exintro", "1"), ("explaintext", "1"), ("exlimit", limit), ("inprop", "url"),
            ("pageids", string.Join('|', pageIds)), ("format", "json"), ("formatversion", "2")), cancellationToken: cancellationToken);
        var byId = pages.RootElement.Child("query").Items("pages")
            .Where(p => p.Child("pageid").ValueKind == System.Text.Json.JsonValueKind.Number)
            .ToDictionary(p => p.Child("pageid").GetInt64());

        var items = new List<Evidence>();
        foreach (long id in pageIds)
        {
            if (!byId.TryGetValue(id, out var page) || page.Text("extract") is not { } extract)
            {
                continue;
            }

            string? title = page.Text("title");
            string? link = JsonFields.Link(page.Text("fullurl")) ?? JsonFields.Link(new Uri(api, "/wiki/" + Uri.EscapeDataString((title ?? string.Empty).Replace(' ', '_'))).AbsoluteUri);
            items.Add(new Evidence(Name, JsonFields.Clip(JsonFields.PlainText(extract)), 0, link)
            {
                Title = title,
                Publisher = api.Host.EndsWith(".wikipedia.org", StringComparison.OrdinalIgnoreCase) ? "Wikipedia" : api.Host,
                Date = page.Text("touched"),
            });
        }

        return items;
    }
}
