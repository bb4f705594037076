using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>A MediaWiki Action API on 127.0.0.1:0, one wiki per language under <c>/{lang}/w/api.php</c> (as <c>{lang}.wikipedia.org/w/api.php</c>).</summary>
/// <remarks>Follows the API documentation with <c>format=json&amp;formatversion=2</c>: <c>action=query&amp;list=search&amp;srsearch=</c> answers
/// <c>{"query":{"search":[{ns,title,pageid}]}}</c> (a page matches when its title and extract hold every search word, as CirrusSearch's
/// default AND does); <c>prop=extracts|info&amp;exintro&amp;explaintext&amp;inprop=url&amp;pageids=</c> answers <c>{"query":{"pages":[{pageid,title,
/// extract,fullurl,touched}]}}</c>. A missing parameter is a 200 with <c>{"error":{"code":"missingparam","info":…}}</c>; rate limiting is
/// Wikimedia's plain-text 429 (script it with <see cref="FakeEvidenceApi.Fail"/>); a request without a User-Agent is refused with 403, as Wikimedia's policy says.</remarks>
public sealed class FakeMediaWikiServer : FakeEvidenceApi
{
    private readonly HashSet<long> _foundByAnySearch = [];

    private FakeMediaWikiServer()
    {
    }

    /// <summary>Pages per language code.</summary>
    public Dictionary<string, List<FakeWikiPage>> Pages { get; } = new(StringComparer.Ordinal);

    /// <summary>The endpoint template (<c>Evidence__Wikipedia__Endpoint</c>) with its <c>{lang}</c> placeholder.</summary>
    public string EndpointTemplate => new Uri(BaseAddress, "{lang}/w/api.php").AbsoluteUri.Replace("%7Blang%7D", "{lang}", StringComparison.Ordinal);

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static Task<FakeMediaWikiServer> StartAsync() => StartAsync(new FakeMediaWikiServer());

    /// <summary>Adds a page to the wiki of <paramref name="language"/>.</summary>
    public FakeMediaWikiServer Add(string language, string title, string extract)
    {
        if (!Pages.TryGetValue(language, out var pages))
        {
            Pages[language] = pages = [];
        }

        pages.Add(new FakeWikiPage(1000 + Pages.Values.Sum(p => p.Count), title, extract));
        return this;
    }

    /// <summary>Adds a page every search of that wiki finds, whatever the words (for runs whose claims a test does not know in advance).</summary>
    public FakeMediaWikiServer AddFoundByAnySearch(string language, string title, string extract)
    {
        Add(language, title, extract);
        _foundByAnySearch.Add(Pages[language][^1].PageId);
        return this;
    }

    /// <inheritdoc/>
    protected override IEnumerable<string> RecordedHeaders => ["User-Agent"];

    /// <inheritdoc/>
    protected override Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, string> query)
    {
        // Wikimedia's User-Agent policy: requests without one are refused.
        if (!query.ContainsKey("$header:User-Agent"))
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("Please set a user-agent and respect our robot policy https://w.wiki/4wJS.");
        }

        var segments = query["$path"].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not [var language, "w", "api.php"])
        {
            return WriteJsonAsync(context, 404, """{"error":{"code":"notfound","info":"No such wiki."}}""");
        }

        var pages = Pages.GetValueOrDefault(language) ?? [];
        if (query.GetValueOrDefault("action") != "query")
        {
            return MediaWikiError(context, "badvalue", "Unrecognized value for parameter \"action\".");
        }

        if (query.GetValueOrDefault("list") == "search")
        {
            if (query.GetValueOrDefault("srsearch") is not { Length: > 0 } search)
            {
                return MediaWikiError(context, "missingparam", "The \"srsearch\" parameter must be set.");
            }

            var words = Words(search).ToHashSet(StringComparer.Ordinal);
            var limit = int.TryParse(query.GetValueOrDefault("srlimit"), out var l) ? l : 10;
            var hits = pages.Where(p => _foundByAnySearch.Contains(p.PageId) || words.All(Words(p.Title + " " + p.Extract).Contains)).Take(limit).ToList();
            var body = new JsonObject
            {
                ["batchcomplete"] = true,
                ["query"] = new JsonObject
                {
                    ["searchinfo"] = new JsonObject { ["totalhits"] = hits.Count },
                    ["search"] = new JsonArray([.. hits.Select(p => (JsonNode)new JsonObject { ["ns"] = 0, ["title"] = p.Title, ["pageid"] = p.PageId })]),
                },
            };
            return WriteJsonAsync(context, 200, body.ToJsonString());
        }

        if (query.GetValueOrDefault("prop") is { } prop && prop.Contains("extracts", StringComparison.Ordinal))
        {
            if (query.GetValueOrDefault("pageids") is not { Length: > 0 } ids)
            {
                return MediaWikiError(context, "missingparam", "One of the parameters \"titles\", \"pageids\" or \"revids\" is required.");
            }

            var wanted = ids.Split('|').Select(long.Parse).ToList();
            var host = $"{language}.wikipedia.org";
            var found = wanted.Select(id => pages.FirstOrDefault(p => p.PageId == id)).OfType<FakeWikiPage>();
            var body = new JsonObject
            {
                ["batchcomplete"] = true,
                ["query"] = new JsonObject
                {
                    ["pages"] = new JsonArray([.. found.Select(p => (JsonNode)new JsonObject
                    {
                        ["pageid"] = p.PageId,
                        ["ns"] = 0,
                        ["title"] = p.Title,
                        ["extract"] = p.Extract,
                        ["touched"] = "2026-11-30T12:00:00Z",
                        ["fullurl"] = $"https://{host}/wiki/{Uri.EscapeDataString(p.Title.Replace(' ', '_'))}",
                    })]),
                },
            };
            return WriteJsonAsync(context, 200, body.ToJsonString());
        }

        return MediaWikiError(context, "badvalue", "Unrecognized query.");
    }

    private static Task MediaWikiError(HttpContext context, string code, string info) =>
        WriteJsonAsync(context, 200, JsonSerializer.Serialize(new { error = new { code, info } }), new Dictionary<string, string> { ["MediaWiki-API-Error"] = code });
}

/// <summary>One page of a <see cref="FakeMediaWikiServer"/> wiki.</summary>
public sealed record FakeWikiPage(long PageId, string Title, string Extract);
