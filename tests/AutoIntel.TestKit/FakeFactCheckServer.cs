using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>Google Fact Check Tools API on 127.0.0.1:0: <c>GET /v1alpha1/claims:search?query=&amp;languageCode=&amp;pageSize=&amp;key=</c>.</summary>
/// <remarks>Follows the public reference: an answer is <c>{"claims":[{text, claimant, claimDate, claimReview:[{publisher:{name,site}, url, title,
/// reviewDate, textualRating, languageCode}]}]}</c>, and <c>{}</c> when nothing matches; a wrong key is 400 INVALID_ARGUMENT, a missing query
/// 400 INVALID_ARGUMENT, a spent quota 429 RESOURCE_EXHAUSTED, all as Google's JSON error body. A claim matches when it shares a word of
/// four letters or more with the query (the real service ranks by meaning; tests only need a deterministic stand-in).</remarks>
public sealed class FakeFactCheckServer : FakeEvidenceApi
{
    private FakeFactCheckServer()
    {
    }

    /// <summary>The key requests must carry.</summary>
    public string ApiKey { get; set; } = "test-factcheck-key";

    /// <summary>The reviewed claims served.</summary>
    public List<FakeReviewedClaim> Claims { get; } = [];

    /// <summary>Queries answered before the daily quota is spent (then 429 RESOURCE_EXHAUSTED); null is unlimited.</summary>
    public int? QuotaRemaining { get; set; }

    /// <summary>The <c>claims:search</c> URL (<c>Evidence__FactCheck__Endpoint</c>).</summary>
    public Uri Endpoint => new(BaseAddress, "v1alpha1/claims:search");

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static Task<FakeFactCheckServer> StartAsync() => StartAsync(new FakeFactCheckServer());

    /// <inheritdoc/>
    protected override Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, string> query)
    {
        if (query.GetValueOrDefault("$path") != "/v1alpha1/claims:search")
        {
            return Error(context, 404, "NOT_FOUND", "Requested entity was not found.");
        }

        if (query.GetValueOrDefault("key") != ApiKey)
        {
            return Error(context, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
        }

        if (QuotaRemaining is <= 0)
        {
            return Error(context, 429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Queries' and limit 'Queries per day' of service 'factchecktools.googleapis.com'.");
        }

        QuotaRemaining--;
        if (query.GetValueOrDefault("query") is not { Length: > 0 } text)
        {
            return Error(context, 400, "INVALID_ARGUMENT", "Either query or reviewPublisherSiteFilter is required.");
        }

        var words = Words(text).Where(w => w.Length >= 4).ToHashSet(StringComparer.Ordinal);
        var matches = Claims.Where(c => Words(c.Text).Any(words.Contains)).ToList();
        var language = query.GetValueOrDefault("languageCode");
        if (language is { Length: > 0 })
        {
            matches = [.. matches.Where(c => c.LanguageCode.StartsWith(language, StringComparison.OrdinalIgnoreCase))];
        }

        if (int.TryParse(query.GetValueOrDefault("pageSize"), out var size) && size > 0)
        {
            matches = [.. matches.Take(size)];
        }

        var body = new JsonObject();
        if (matches.Count > 0)
        {
            body["claims"] = new JsonArray([.. matches.Select(c => (JsonNode)new JsonObject
            {
                ["text"] = c.Text,
                ["claimant"] = c.Claimant,
                ["claimDate"] = c.ClaimDate,
                ["claimReview"] = new JsonArray(new JsonObject
                {
                    ["publisher"] = new JsonObject { ["name"] = c.Publisher, ["site"] = c.Site },
                    ["url"] = c.Url,
                    ["title"] = c.Title,
                    ["reviewDate"] = c.ReviewDate,
                    ["textualRating"] = c.Rating,
                    ["languageCode"] = c.LanguageCode,
                }),
            })]);
        }

        return WriteJsonAsync(context, 200, body.ToJsonString());
    }

    private static Task Error(HttpContext context, int code, string status, string message) =>
        WriteJsonAsync(context, code, JsonSerializer.Serialize(new { error = new { code, message, status } }));
}

/// <summary>A claim with one fact-checker's review, as <see cref="FakeFactCheckServer"/> serves it.</summary>
public sealed record FakeReviewedClaim(
    string Text,
    string Rating,
    string Publisher = "Full Fact",
    string Site = "fullfact.org",
    string Url = "https://fullfact.org/online/bridge-2024/",
    string Title = "The bridge was not approved in 2024",
    string ReviewDate = "2025-03-01T00:00:00Z",
    string Claimant = "Social media users",
    string ClaimDate = "2025-02-20T00:00:00Z",
    string LanguageCode = "en");
