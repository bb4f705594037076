using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>Brave Search API on 127.0.0.1:0: <c>GET /res/v1/web/search?q=&amp;count=</c> with <c>X-Subscription-Token</c>.</summary>
/// <remarks>Follows the public documentation: results in <c>web.results[]{title,url,description,age,page_age,profile{name}}</c> (no <c>web</c>
/// object when nothing matches; descriptions carry <c>&lt;strong&gt;</c> highlighting); <c>X-RateLimit-Limit/-Remaining/-Reset</c> on every
/// answer; a bad token is 401 SUBSCRIPTION_TOKEN_INVALID and a spent rate 429 RATE_LIMITED, both as Brave's ErrorResponse body.</remarks>
public sealed class FakeBraveSearchServer : FakeEvidenceApi
{
    private FakeBraveSearchServer()
    {
    }

    /// <summary>The token requests must carry.</summary>
    public string Token { get; set; } = "test-brave-token";

    /// <summary>The pages served: any whose title or description shares a word of four letters or more with the query.</summary>
    public List<(string Title, string Url, string Description, string Age)> Pages { get; } = [];

    /// <summary>Requests left in the current window before 429 RATE_LIMITED; null is unlimited.</summary>
    public int? RemainingRequests { get; set; }

    /// <summary>The web search URL (<c>Evidence__Brave__Endpoint</c>).</summary>
    public Uri Endpoint => new(BaseAddress, "res/v1/web/search");

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static Task<FakeBraveSearchServer> StartAsync() => StartAsync(new FakeBraveSearchServer());

    /// <inheritdoc/>
    protected override IEnumerable<string> RecordedHeaders => ["X-Subscription-Token"];

    /// <inheritdoc/>
    protected override Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, string> query)
    {
        if (query.GetValueOrDefault("$header:X-Subscription-Token") != Token)
        {
            return Error(context, 401, "SUBSCRIPTION_TOKEN_INVALID", "The provided subscription token is invalid.");
        }

        var limits = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "1, 2000",
            ["X-RateLimit-Remaining"] = $"{Math.Max(0, (RemainingRequests ?? 1) - 1)}, 1999",
            ["X-RateLimit-Reset"] = "1, 2419200",
        };
        if (RemainingRequests is <= 0)
        {
            limits["Retry-After"] = "1";
            return Error(context, 429, "RATE_LIMITED", "Request rate limit exceeded for plan.", limits);
        }

        RemainingRequests--;
        if (query.GetValueOrDefault("q") is not { Length: > 0 } q)
        {
            return Error(context, 422, "VALIDATION", "Unable to validate request parameter(s).", limits);
        }

        var words = Words(q).Where(w => w.Length >= 4).ToHashSet(StringComparer.Ordinal);
        var hits = Pages.Where(p => Words(p.Title + " " + p.Description).Any(words.Contains)).ToList();
        var body = new JsonObject { ["type"] = "search", ["query"] = new JsonObject { ["original"] = q } };
        if (hits.Count > 0)
        {
            body["web"] = new JsonObject
            {
                ["type"] = "search",
                ["results"] = new JsonArray([.. hits.Select(p => (JsonNode)new JsonObject
                {
                    ["title"] = p.Title,
                    ["url"] = p.Url,
                    ["description"] = p.Description,
                    ["age"] = p.Age,
                    ["profile"] = new JsonObject { ["name"] = new Uri(p.Url).Host },
                })]),
            };
        }

        return WriteJsonAsync(context, 200, body.ToJsonString(), limits);
    }

    private static Task Error(HttpContext context, int status, string code, string detail, IReadOnlyDictionary<string, string>? headers = null) =>
        WriteJsonAsync(context, status, JsonSerializer.Serialize(new { type = "ErrorResponse", error = new { id = Guid.NewGuid(), status, code, detail } }), headers);
}
