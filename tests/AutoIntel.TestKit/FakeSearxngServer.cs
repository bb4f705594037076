using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>A SearXNG instance on 127.0.0.1:0: <c>GET /search?q=&amp;format=json</c>.</summary>
/// <remarks>Follows the search API documentation: <c>{"query","number_of_results","results":[{url,title,content,publishedDate,engine}]}</c>;
/// an instance whose settings do not list <c>json</c> under <c>search.formats</c> answers 403 Forbidden (HTML); its limiter answers a
/// plain-text 429 (script it with <see cref="FakeEvidenceApi.Fail"/>).</remarks>
public sealed class FakeSearxngServer : FakeEvidenceApi
{
    private FakeSearxngServer()
    {
    }

    /// <summary>Whether <c>format=json</c> is enabled in the instance's settings.</summary>
    public bool JsonEnabled { get; set; } = true;

    /// <summary>The pages served: any whose title or content shares a word of four letters or more with the query.</summary>
    public List<(string Title, string Url, string Content, string? PublishedDate)> Pages { get; } = [];

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static Task<FakeSearxngServer> StartAsync() => StartAsync(new FakeSearxngServer());

    /// <inheritdoc/>
    protected override Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, string> query)
    {
        if (query["$path"] != "/search")
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }

        if (query.GetValueOrDefault("format") == "json" && !JsonEnabled)
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<!doctype html><title>403 Forbidden</title><h1>Forbidden</h1>");
        }

        var q = query.GetValueOrDefault("q") ?? string.Empty;
        var words = Words(q).Where(w => w.Length >= 4).ToHashSet(StringComparer.Ordinal);
        var hits = Pages.Where(p => Words(p.Title + " " + p.Content).Any(words.Contains)).ToList();
        var body = new JsonObject
        {
            ["query"] = q,
            ["number_of_results"] = hits.Count,
            ["results"] = new JsonArray([.. hits.Select(p => (JsonNode)new JsonObject
            {
                ["url"] = p.Url,
                ["title"] = p.Title,
                ["content"] = p.Content,
                ["publishedDate"] = p.PublishedDate,
                ["engine"] = "duckduckgo",
                ["engines"] = new JsonArray("duckduckgo"),
            })]),
            ["answers"] = new JsonArray(),
            ["suggestions"] = new JsonArray(),
        };
        return WriteJsonAsync(context, 200, body.ToJsonString());
    }
}
