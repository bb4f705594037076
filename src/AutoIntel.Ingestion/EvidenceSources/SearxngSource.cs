using AutoIntel.Core.FactCheck;

namespace AutoIntel.Ingestion.EvidenceSources;

/// <summary>A SearXNG instance's JSON API (<c>/search?q=&amp;format=json</c>): the top pages about the claim.</summary>
public sealed class SearxngSource(EvidenceHttp http, SearxngOptions options, int maxResults) : IEvidenceSource
{
    /// <summary>The <see cref="Evidence.Source"/> of its items.</summary>
    public const string SourceName = "searxng";

    /// <inheritdoc/>
    public string Name => SourceName;

    /// <inheritdoc/>
    public decimal CostPerQueryUsd => options.CostPerQueryUsd;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Evidence>> SearchAsync(EvidenceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var root = options.Endpoint!.AbsoluteUri.EndsWith('/') ? options.Endpoint : new Uri(options.Endpoint.AbsoluteUri + "/");
        var url = QueryString.Append(new Uri(root, "search"), ("q", query.ClaimText), ("format", "json"), ("language", query.Language));
        using var json = await GetAsync(url, cancellationToken);

        return [.. json.RootElement.Items("results")
            .Select(r => (Result: r, Link: JsonFields.Link(r.Text("url"))))
            .Where(r => r.Link is not null)
            .Take(maxResults)
            .Select(r => new Evidence(Name, JsonFields.Clip(JsonFields.PlainText(r.Result.Text("content") ?? string.Empty)), 0, r.Link)
            {
                Title = r.Result.Text("title"),
                Publisher = JsonFields.HostOf(r.Link),
                Date = r.Result.Text("publishedDate"),
            })];
    }

    // SearXNG answers 403 to format=json unless the instance's settings.yml lists json under search.formats.
    private async Task<System.Text.Json.JsonDocument> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetJsonAsync(Name, url, cancellationToken: cancellationToken);
        }
        catch (EvidenceUnavailableException e) when (e.Reason.Contains(" 403 ", StringComparison.Ordinal))
        {
            throw new EvidenceUnavailableException(Name, $"{e.Reason}; the instance must allow the json format (search.formats in settings.yml)", e.RetryAfter, e);
        }
    }
}
