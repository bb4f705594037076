using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>A Qdrant REST server on 127.0.0.1:0 following the public API closely enough to test a client against:
/// collections, keyword payload indexes, upsert/query/search/delete/count with <c>must</c> filters (<c>match.value</c>, <c>has_id</c>),
/// exact cosine scores, point ids that must be unsigned integers or UUIDs, the <c>{result, status, time}</c> envelope,
/// <c>{status: {error}}</c> error bodies, the <c>api-key</c> header, and scripted 429/503 with Retry-After.</summary>
/// <remarks>A reference implementation for tests, kept simple: brute-force search, one lock, no HNSW, no persistence.</remarks>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    /// <summary>Qdrant's default <c>service.max_request_size_mb</c>.</summary>
    public const int MaxRequestBytes = 32 * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeCollection> _collections = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private readonly ConcurrentQueue<FakeQdrantRequest> _requests = new();
    private LoopbackHttpServer _http = null!;

    private FakeQdrantServer(string? apiKey)
    {
        ApiKey = apiKey;
    }

    /// <summary>The REST root, e.g. <c>http://127.0.0.1:49152/</c> (what <c>Memory:Qdrant:Url</c> takes).</summary>
    public Uri BaseUrl => _http.BaseAddress;

    /// <summary>When set, every request must carry it in the <c>api-key</c> header (or as a bearer token), else 401.</summary>
    public string? ApiKey { get; }

    /// <summary>Requests received, in order.</summary>
    public IReadOnlyList<FakeQdrantRequest> Requests => [.. _requests];

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<FakeQdrantServer> StartAsync(string? apiKey = null)
    {
        var server = new FakeQdrantServer(apiKey);
        server._http = await LoopbackHttpServer.StartAsync(app => app.Run(server.HandleAsync));
        return server;
    }

    /// <summary>Answers the next <paramref name="times"/> requests with <paramref name="status"/> (e.g. 429 or 503) and an optional Retry-After.</summary>
    public void FailNext(int status, string? retryAfter = null, int times = 1)
    {
        for (int i = 0; i < times; i++)
        {
            _failures.Enqueue((status, retryAfter));
        }
    }

    /// <summary>The vector size of a collection, or null when it does not exist.</summary>
    public int? VectorSize(string collection)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(collection, out FakeCollection? c) ? c.Size : null;
        }
    }

    /// <summary>The payload indexes of a collection: field name → schema as sent (e.g. <c>"keyword"</c> or <c>{"type":"keyword","is_tenant":true}</c>).</summary>
    public IReadOnlyDictionary<string, string> PayloadIndexes(string collection)
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(_collections[collection].Indexes);
        }
    }

    /// <summary>The stored points of a collection: Qdrant id → payload (as JSON).</summary>
    public IReadOnlyDictionary<string, string> Points(string collection)
    {
        lock (_gate)
        {
            return _collections[collection].Points.ToDictionary(p => p.Key, p => p.Value.Payload.ToJsonString());
        }
    }

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    private async Task HandleAsync(HttpContext ctx)
    {
        long started = Stopwatch.GetTimestamp();
        string method = ctx.Request.Method;
        string path = ctx.Request.Path.Value ?? "";
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer);
        byte[] bytes = buffer.ToArray();
        JsonNode? body = null;
        string? apiKey = ctx.Request.Headers["api-key"].FirstOrDefault();
        int points = 0;
        (int Status, JsonNode? Result, string? Error) reply;
        (int Status, string? RetryAfter) failure = default;
        if (bytes.Length > MaxRequestBytes)
        {
            reply = (413, null, $"Payload too large: {bytes.Length} bytes, the limit is {MaxRequestBytes}");
        }
        else
        {
            try
            {
                body = bytes.Length == 0 ? null : JsonNode.Parse(bytes);
                points = body?["points"] is JsonArray p ? p.Count : 0;
                // A scripted failure answers instead of the request, which is then not applied (as a 503 from an overloaded node).
                reply = Authorize(ctx.Request, apiKey)
                    ?? (_failures.TryDequeue(out failure) ? (failure.Status, null, failure.Status == 429 ? "Too many requests" : "Service Unavailable") : Route(method, path, body));
            }
            catch (JsonException e)
            {
                reply = (400, null, $"Format error in JSON body: {e.Message}");
            }
            catch (FakeQdrantError e)
            {
                reply = (e.Status, null, e.Message);
            }
        }

        _requests.Enqueue(new FakeQdrantRequest(method, path + ctx.Request.QueryString, apiKey, points, reply.Status));
        if (failure.RetryAfter is not null)
        {
            ctx.Response.Headers.RetryAfter = failure.RetryAfter;
        }

        ctx.Response.StatusCode = reply.Status;
        await WriteAsync(ctx, Envelope(reply.Result, reply.Error, started));
    }

    private (int, JsonNode?, string?)? Authorize(HttpRequest request, string? apiKey)
    {
        if (ApiKey is null)
        {
            return null;
        }

        string? bearer = request.Headers.Authorization.FirstOrDefault() is { } a && a.StartsWith("Bearer ", StringComparison.Ordinal) ? a[7..] : null;
        if (apiKey is null && bearer is null)
        {
            return (401, null, "Must provide an API key or an Authorization bearer token");
        }

        return apiKey == ApiKey || bearer == ApiKey ? null : (401, null, "Invalid API key or JWT");
    }

    private (int, JsonNode?, string?) Route(string method, string path, JsonNode? body)
    {
        string[] parts = path.Trim('/').Split('/');
        if (parts.Length < 2 || parts[0] != "collections")
        {
            return (404, null, $"Not found: {path}");
        }

        string name = Uri.UnescapeDataString(parts[1]);
        string rest = string.Join('/', parts.Skip(2));
        lock (_gate)
        {
            if (rest.Length == 0 && method == "PUT")
            {
                return CreateCollection(name, body);
            }

            if (!_collections.TryGetValue(name, out FakeCollection? c))
            {
                return (404, null, $"Not found: Collection `{name}` doesn't exist!");
            }

            return (method, rest) switch
            {
                ("GET", "") => (200, c.Info(), null),
                ("DELETE", "") => (200, _collections.Remove(name), null),
                ("PUT", "index") => (200, c.CreateIndex(body), null),
                ("PUT", "points") => (200, c.Upsert(body), null),
                ("POST", "points/query") => (200, new JsonObject { ["points"] = c.Search(body, body?["query"]) }, null),
                ("POST", "points/search") => (200, c.Search(body, body?["vector"]), null),
                ("POST", "points/delete") => (200, c.Delete(body), null),
                ("POST", "points/count") => (200, new JsonObject { ["count"] = c.Count(body?["filter"]) }, null),
                _ => (404, null, $"Not found: {method} {path}"),
            };
        }
    }

    private (int, JsonNode?, string?) CreateCollection(string name, JsonNode? body)
    {
        if (_collections.ContainsKey(name))
        {
            return (409, null, $"Wrong input: Collection `{name}` already exists!");
        }

        JsonNode vectors = body?["vectors"] ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `vectors`");
        int size = vectors["size"]?.GetValue<int>() ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `size`");
        string distance = vectors["distance"]?.GetValue<string>() ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `distance`");
        if (size < 1 || size > 65536)
        {
            throw new FakeQdrantError(422, "Validation error in JSON body: [vectors.size: value 0 invalid, must be from 1 to 65536]");
        }

        if (distance != "Cosine")
        {
            throw new FakeQdrantError(400, $"The fake supports distance Cosine only (got {distance})");
        }

        _collections[name] = new FakeCollection(size);
        return (200, true, null);
    }

    private static JsonObject Envelope(JsonNode? result, string? error, long started)
    {
        double time = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return error is null
            ? new JsonObject { ["result"] = result, ["status"] = "ok", ["time"] = time }
            : new JsonObject { ["status"] = new JsonObject { ["error"] = error }, ["time"] = time };
    }

    private static async Task WriteAsync(HttpContext ctx, JsonObject envelope)
    {
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(envelope.ToJsonString());
    }

    /// <summary>Qdrant's canonical form of a point id: an unsigned integer or a hyphenated lowercase UUID; anything else is a 400.</summary>
    private static string PointId(JsonNode? id)
    {
        if (id is JsonValue v)
        {
            if (v.TryGetValue(out ulong number))
            {
                return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (v.TryGetValue(out string? text) && Guid.TryParse(text, out Guid uuid))
            {
                return uuid.ToString("D");
            }
        }

        throw new FakeQdrantError(400, $"Format error in JSON body: value {id?.ToJsonString()} is not a valid point ID, valid values are either an unsigned integer or a UUID");
    }

    private static JsonValue IdNode(string id) => ulong.TryParse(id, out ulong n) ? JsonValue.Create(n) : JsonValue.Create(id);

    private static JsonObject Completed(long operation) => new() { ["operation_id"] = operation, ["status"] = "completed" };

    private sealed class FakeCollection(int size)
    {
        private long _operation;

        public int Size { get; } = size;

        public Dictionary<string, (float[] Vector, JsonObject Payload, long Version)> Points { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Indexes { get; } = new(StringComparer.Ordinal);

        public JsonObject Info() => new()
        {
            ["status"] = "green",
            ["optimizer_status"] = "ok",
            ["points_count"] = Points.Count,
            ["config"] = new JsonObject
            {
                ["params"] = new JsonObject { ["vectors"] = new JsonObject { ["size"] = Size, ["distance"] = "Cosine" } },
            },
            ["payload_schema"] = new JsonObject(Indexes.Select(i => KeyValuePair.Create<string, JsonNode?>(
                i.Key, new JsonObject { ["data_type"] = "keyword", ["points"] = Points.Count }))),
        };

        public JsonObject CreateIndex(JsonNode? body)
        {
            string field = body?["field_name"]?.GetValue<string>() ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `field_name`");
            JsonNode schema = body["field_schema"] ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `field_schema`");
            string type = schema is JsonValue ? schema.GetValue<string>() : schema["type"]?.GetValue<string>() ?? "";
            if (type != "keyword")
            {
                throw new FakeQdrantError(400, $"The fake supports keyword indexes only (got {type})");
            }

            Indexes[field] = schema.ToJsonString();
            return Completed(++_operation);
        }

        public JsonObject Upsert(JsonNode? body)
        {
            JsonArray points = body?["points"] as JsonArray ?? throw new FakeQdrantError(400, "Format error in JSON body: data did not match any variant of untagged enum PointInsertOperations");
            var parsed = new List<(string Id, float[] Vector, JsonObject Payload)>();
            foreach (JsonNode? point in points)
            {
                string id = PointId(point?["id"]);
                float[] vector = point!["vector"]?.AsArray().Select(x => x!.GetValue<float>()).ToArray()
                    ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `vector`");
                if (vector.Length != Size)
                {
                    throw new FakeQdrantError(400, $"Wrong input: Vector dimension error: expected dim: {Size}, got {vector.Length}");
                }

                parsed.Add((id, Normalise(vector), point["payload"]?.DeepClone() as JsonObject ?? []));
            }

            // All or nothing, like one Qdrant update operation.
            long operation = ++_operation;
            foreach (var (id, vector, payload) in parsed)
            {
                Points[id] = (vector, payload, operation);
            }

            return Completed(operation);
        }

        public JsonArray Search(JsonNode? body, JsonNode? queryNode)
        {
            JsonNode vectorNode = queryNode is JsonObject nearest ? nearest["nearest"]! : queryNode ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `query`");
            float[] query = vectorNode.AsArray().Select(x => x!.GetValue<float>()).ToArray();
            if (query.Length != Size)
            {
                throw new FakeQdrantError(400, $"Wrong input: Vector dimension error: expected dim: {Size}, got {query.Length}");
            }

            int limit = body?["limit"]?.GetValue<int>() ?? 10;
            float? threshold = body?["score_threshold"]?.GetValue<float>();
            bool withPayload = body?["with_payload"]?.GetValue<bool>() ?? false;
            Func<string, JsonObject, bool> match = Filter(body?["filter"]);
            float[] q = Normalise(query);
            var hits = Points
                .Where(p => match(p.Key, p.Value.Payload))
                .Select(p => (p.Key, p.Value, Score: Dot(q, p.Value.Vector)))
                .Where(h => threshold is null || h.Score >= threshold)
                .OrderByDescending(h => h.Score)
                .ThenBy(h => h.Key, StringComparer.Ordinal)
                .Take(limit);
            var result = new JsonArray();
            foreach (var (id, point, score) in hits)
            {
                var hit = new JsonObject { ["id"] = IdNode(id), ["version"] = point.Version, ["score"] = score };
                if (withPayload)
                {
                    hit["payload"] = point.Payload.DeepClone();
                }

                result.Add(hit);
            }

            return result;
        }

        public JsonObject Delete(JsonNode? body)
        {
            if (body?["points"] is JsonArray ids)
            {
                foreach (string id in ids.Select(PointId).ToList())
                {
                    Points.Remove(id);
                }
            }
            else if (body?["filter"] is { } filter)
            {
                Func<string, JsonObject, bool> match = Filter(filter);
                foreach (string id in Points.Where(p => match(p.Key, p.Value.Payload)).Select(p => p.Key).ToList())
                {
                    Points.Remove(id);
                }
            }
            else
            {
                throw new FakeQdrantError(400, "Format error in JSON body: data did not match any variant of untagged enum PointsSelector");
            }

            return Completed(++_operation);
        }

        public long Count(JsonNode? filter)
        {
            Func<string, JsonObject, bool> match = Filter(filter);
            return Points.Count(p => match(p.Key, p.Value.Payload));
        }

        // must: every condition holds; a condition is {key, match: {value}} (payload equality, any element of an array) or {has_id: [...]}.
        private static Func<string, JsonObject, bool> Filter(JsonNode? filter)
        {
            if (filter is null)
            {
                return (_, _) => true;
            }

            if (filter["should"] is not null || filter["must_not"] is not null || filter["min_should"] is not null)
            {
                throw new FakeQdrantError(400, "The fake supports `must` filters only");
            }

            var conditions = new List<Func<string, JsonObject, bool>>();
            foreach (JsonNode? condition in filter["must"]?.AsArray() ?? [])
            {
                if (condition?["has_id"] is JsonArray ids)
                {
                    var set = ids.Select(PointId).ToHashSet(StringComparer.Ordinal);
                    conditions.Add((id, _) => set.Contains(id));
                }
                else if (condition?["key"]?.GetValue<string>() is { } key && condition["match"]?["value"] is JsonValue value)
                {
                    conditions.Add((_, payload) => payload[key] switch
                    {
                        JsonArray many => many.Any(v => JsonNode.DeepEquals(v, value)),
                        JsonNode one => JsonNode.DeepEquals(one, value),
                        null => false,
                    });
                }
                else
                {
                    throw new FakeQdrantError(400, $"Format error in JSON body: data did not match any variant of untagged enum Condition ({condition?.ToJsonString()})");
                }
            }

            return (id, payload) => conditions.TrueForAll(c => c(id, payload));
        }

        private static float[] Normalise(float[] v)
        {
            double norm = Math.Sqrt(v.Sum(x => (double)x * x));
            return norm == 0 ? v : [.. v.Select(x => (float)(x / norm))];
        }

        private static float Dot(float[] a, float[] b)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
            {
                sum += (double)a[i] * b[i];
            }

            return (float)sum;
        }
    }

    private sealed class FakeQdrantError(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }
}

/// <summary>One request the fake Qdrant received.</summary>
/// <param name="PathAndQuery">E.g. <c>/collections/x/points?wait=true</c>.</param>
/// <param name="ApiKey">The <c>api-key</c> header, if any.</param>
/// <param name="Points">How many points the body's <c>points</c> array held (upserts and deletes).</param>
/// <param name="Status">The status answered (a scripted failure's status included).</param>
public sealed record FakeQdrantRequest(string Method, string PathAndQuery, string? ApiKey, int Points, int Status);
