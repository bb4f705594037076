using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Qdrant.Client.Grpc;

namespace AutoIntel.TestKit;

/// <summary>A Qdrant gRPC server on 127.0.0.1:0 speaking Qdrant's wire protocol (Qdrant.Client's own messages) closely enough to
/// test a client against: collections, keyword payload indexes, upsert/query/delete/count with <c>must</c> filters (keyword match,
/// <c>has_id</c>), exact cosine scores, point ids that must be integers or UUIDs, Qdrant's status codes and error texts
/// (NotFound, AlreadyExists, InvalidArgument), the <c>api-key</c> header, a 32 MB message limit, and scripted failures
/// (Unavailable, ResourceExhausted with <c>retry-after</c>).</summary>
/// <remarks>A reference implementation for tests, kept simple: brute-force search, one lock, no HNSW, no persistence.</remarks>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    /// <summary>Qdrant's default <c>service.max_request_size_mb</c>, which also bounds gRPC messages.</summary>
    public const int MaxRequestBytes = 32 * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeCollection> _collections = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(StatusCode Status, int? RetryAfter)> _failures = new();
    private readonly ConcurrentQueue<FakeQdrantRequest> _requests = new();
    private LoopbackHttpServer _http = null!;

    private FakeQdrantServer(string? apiKey)
    {
        ApiKey = apiKey;
    }

    /// <summary>The gRPC root, e.g. <c>http://127.0.0.1:49152/</c> (what <c>Memory:Qdrant:Url</c> takes).</summary>
    public Uri BaseUrl => _http.BaseAddress;

    /// <summary>When set, every call must carry it in the <c>api-key</c> header (or as a bearer token), else Unauthenticated.</summary>
    public string? ApiKey { get; }

    /// <summary>Calls received, in order.</summary>
    public IReadOnlyList<FakeQdrantRequest> Requests => [.. _requests];

    /// <summary>The gRPC methods served (full names and message types), to compare with Qdrant.Client's stubs.</summary>
    public static IReadOnlyList<IMethod> Methods => FakeQdrantServices.Methods;

    /// <summary>Starts the server on a free loopback port: h2c, or TLS when a <paramref name="certificate"/> is given.</summary>
    public static async Task<FakeQdrantServer> StartAsync(string? apiKey = null, X509Certificate2? certificate = null)
    {
        var server = new FakeQdrantServer(apiKey);
        server._http = await LoopbackHttpServer.StartAsync(
            app => app.MapGrpcService<FakeQdrantServer>(),
            services =>
            {
                services.AddGrpc(o => o.MaxReceiveMessageSize = MaxRequestBytes);
                services.AddSingleton(server);
                services.AddSingleton<IServiceMethodProvider<FakeQdrantServer>, FakeQdrantServices>();
            },
            certificate,
            HttpProtocols.Http2);
        return server;
    }

    /// <summary>Answers the next <paramref name="times"/> calls with <paramref name="status"/> (e.g. Unavailable or ResourceExhausted)
    /// instead of applying them, with Qdrant's <c>retry-after</c> (seconds) when given.</summary>
    public void FailNext(StatusCode status, int? retryAfterSeconds = null, int times = 1)
    {
        for (int i = 0; i < times; i++)
        {
            _failures.Enqueue((status, retryAfterSeconds));
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

    /// <summary>The payload indexes of a collection: field name → the request that created it.</summary>
    public IReadOnlyDictionary<string, CreateFieldIndexCollection> PayloadIndexes(string collection)
    {
        lock (_gate)
        {
            return new Dictionary<string, CreateFieldIndexCollection>(_collections[collection].Indexes);
        }
    }

    /// <summary>The stored points of a collection: Qdrant id → payload.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Value>> Points(string collection)
    {
        lock (_gate)
        {
            return _collections[collection].Points.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, Value>)new Dictionary<string, Value>(p.Value.Payload));
        }
    }

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    /// <summary>Authorises, records and answers one call; a scripted failure answers instead and the call is not applied.</summary>
    internal Task<TResponse> HandleAsync<TRequest, TResponse>(string method, TRequest request, ServerCallContext call, Func<TRequest, TResponse> handler)
    {
        string? apiKey = call.RequestHeaders.GetValue("api-key");
        int points = request switch { UpsertPoints u => u.Points.Count, DeletePoints d => d.Points?.Points?.Ids.Count ?? 0, _ => 0 };
        StatusCode status = StatusCode.OK;
        try
        {
            Authorize(apiKey, call.RequestHeaders.GetValue("authorization"));
            if (_failures.TryDequeue(out var failure))
            {
                if (failure.RetryAfter is { } seconds)
                {
                    call.ResponseTrailers.Add("retry-after", seconds.ToString(CultureInfo.InvariantCulture));
                }

                throw Error(failure.Status, failure.Status == StatusCode.ResourceExhausted ? "Rate limiting exceeded" : "Service Unavailable");
            }

            lock (_gate)
            {
                return Task.FromResult(handler(request));
            }
        }
        catch (RpcException e)
        {
            status = e.StatusCode;
            throw;
        }
        finally
        {
            _requests.Enqueue(new FakeQdrantRequest(method, apiKey, points, status));
        }
    }

    internal PointsOperationResponse Upsert(UpsertPoints request) => Operation(Existing(request.CollectionName).Upsert(request.Points));

    internal PointsOperationResponse Delete(DeletePoints request) => Operation(Existing(request.CollectionName).Delete(request.Points));

    internal CountResponse Count(CountPoints request) =>
        new() { Result = new CountResult { Count = (ulong)Existing(request.CollectionName).Matching(request.Filter).Count() }, Time = 0.001 };

    internal QueryResponse Query(QueryPoints request)
    {
        FakeCollection collection = Existing(request.CollectionName);
        if (request.Query?.Nearest?.Dense is not { } dense || request.Prefetch.Count > 0 || !string.IsNullOrEmpty(request.Using))
        {
            throw Error(StatusCode.Unimplemented, "The fake answers nearest-neighbour queries of one dense vector only");
        }

        var response = new QueryResponse { Time = 0.001 };
        response.Result.Add(collection.Search([.. dense.Data], request.Filter, request.HasLimit ? (int)request.Limit : 10,
            request.HasScoreThreshold ? request.ScoreThreshold : null, request.WithPayload?.Enable == true));
        return response;
    }

    internal PointsOperationResponse CreateFieldIndex(CreateFieldIndexCollection request)
    {
        FakeCollection collection = Existing(request.CollectionName);
        if (request.FieldType != FieldType.Keyword)
        {
            throw Error(StatusCode.Unimplemented, $"The fake supports keyword indexes only (got {request.FieldType})");
        }

        collection.Indexes[request.FieldName] = request.Clone();
        return Operation(collection.NextOperation());
    }

    internal GetCollectionInfoResponse GetCollection(GetCollectionInfoRequest request) =>
        new() { Result = Existing(request.CollectionName).Info(), Time = 0.001 };

    internal CollectionOperationResponse CreateCollection(CreateCollection request)
    {
        string name = request.CollectionName;
        if (_collections.ContainsKey(name))
        {
            throw Error(StatusCode.AlreadyExists, $"Wrong input: Collection `{name}` already exists!");
        }

        VectorParams vectors = request.VectorsConfig?.Params ?? throw Error(StatusCode.Unimplemented, "The fake supports one unnamed vector per point only");
        if (vectors.Size is < 1 or > 65536)
        {
            throw Error(StatusCode.InvalidArgument, $"Validation error: [vectors_config.params.size: value {vectors.Size} invalid, must be from 1 to 65536]");
        }

        if (vectors.Distance != Distance.Cosine)
        {
            throw Error(StatusCode.Unimplemented, $"The fake supports distance Cosine only (got {vectors.Distance})");
        }

        _collections[name] = new FakeCollection((int)vectors.Size);
        return new() { Result = true, Time = 0.001 };
    }

    internal CollectionOperationResponse DeleteCollection(DeleteCollection request) =>
        new() { Result = _collections.Remove(request.CollectionName), Time = 0.001 };

    private FakeCollection Existing(string name) =>
        _collections.TryGetValue(name, out FakeCollection? c) ? c : throw Error(StatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!");

    private void Authorize(string? apiKey, string? authorization)
    {
        if (ApiKey is null)
        {
            return;
        }

        string? key = apiKey ?? (authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? authorization[7..] : null);
        if (key != ApiKey)
        {
            // Qdrant answers both cases with Unauthenticated (an AuthError::Unauthorized).
            throw Error(StatusCode.Unauthenticated, key is null ? "Must provide an API key or an Authorization bearer token" : "Invalid API key or JWT");
        }
    }

    private static PointsOperationResponse Operation(long operation) =>
        new() { Result = new UpdateResult { OperationId = (ulong)operation, Status = UpdateStatus.Completed }, Time = 0.001 };

    private static RpcException Error(StatusCode status, string detail) => new(new Status(status, detail));

    /// <summary>Qdrant's canonical form of a point id: an unsigned integer or a hyphenated lowercase UUID; a bad UUID is InvalidArgument.</summary>
    private static string Canonical(PointId id) => id.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Num => id.Num.ToString(CultureInfo.InvariantCulture),
        PointId.PointIdOptionsOneofCase.Uuid when Guid.TryParse(id.Uuid, out Guid uuid) => uuid.ToString("D"),
        _ => throw Error(StatusCode.InvalidArgument, $"Unable to parse UUID: {id.Uuid}"),
    };

    private static PointId IdOf(string canonical) => ulong.TryParse(canonical, out ulong n) ? new PointId { Num = n } : new PointId { Uuid = canonical };

    private sealed class FakeCollection(int size)
    {
        private long _operation;

        public int Size { get; } = size;

        public Dictionary<string, (float[] Vector, Dictionary<string, Value> Payload, long Version)> Points { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, CreateFieldIndexCollection> Indexes { get; } = new(StringComparer.Ordinal);

        public long NextOperation() => ++_operation;

        public CollectionInfo Info()
        {
            var info = new CollectionInfo
            {
                Status = CollectionStatus.Green,
                OptimizerStatus = new OptimizerStatus { Ok = true },
                PointsCount = (ulong)Points.Count,
                SegmentsCount = 1,
                Config = new CollectionConfig
                {
                    Params = new CollectionParams { VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = (ulong)Size, Distance = Distance.Cosine } } },
                },
            };
            foreach ((string field, CreateFieldIndexCollection index) in Indexes)
            {
                info.PayloadSchema[field] = new PayloadSchemaInfo { DataType = PayloadSchemaType.Keyword, Params = index.FieldIndexParams, Points = (ulong)Points.Count };
            }

            return info;
        }

        public long Upsert(IEnumerable<PointStruct> points)
        {
            var parsed = new List<(string Id, float[] Vector, Dictionary<string, Value> Payload)>();
            foreach (PointStruct point in points)
            {
                float[] vector = point.Vectors?.Vector?.Dense is { } dense ? [.. dense.Data]
                    : throw Error(StatusCode.Unimplemented, "The fake stores one unnamed dense vector per point only");
                if (vector.Length != Size)
                {
                    throw Error(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {Size}, got {vector.Length}");
                }

                parsed.Add((Canonical(point.Id), Normalise(vector), new Dictionary<string, Value>(point.Payload)));
            }

            // All or nothing, like one Qdrant update operation.
            long operation = NextOperation();
            foreach (var (id, vector, payload) in parsed)
            {
                Points[id] = (vector, payload, operation);
            }

            return operation;
        }

        public long Delete(PointsSelector selector)
        {
            IEnumerable<string> ids = selector.PointsSelectorOneOfCase switch
            {
                PointsSelector.PointsSelectorOneOfOneofCase.Points => [.. selector.Points.Ids.Select(Canonical)],
                PointsSelector.PointsSelectorOneOfOneofCase.Filter => [.. Matching(selector.Filter).Select(p => p.Key)],
                _ => throw Error(StatusCode.InvalidArgument, "Validation error: points selector is empty"),
            };
            foreach (string id in ids)
            {
                Points.Remove(id);
            }

            return NextOperation();
        }

        public List<ScoredPoint> Search(float[] query, Filter? filter, int limit, float? threshold, bool withPayload)
        {
            if (query.Length != Size)
            {
                throw Error(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {Size}, got {query.Length}");
            }

            float[] q = Normalise(query);
            return Matching(filter)
                .Select(p => (p.Key, p.Value, Score: Dot(q, p.Value.Vector)))
                .Where(h => threshold is null || h.Score >= threshold)
                .OrderByDescending(h => h.Score)
                .ThenBy(h => h.Key, StringComparer.Ordinal)
                .Take(limit)
                .Select(h =>
                {
                    var hit = new ScoredPoint { Id = IdOf(h.Key), Score = h.Score, Version = (ulong)h.Value.Version };
                    if (withPayload)
                    {
                        hit.Payload.Add(h.Value.Payload);
                    }

                    return hit;
                })
                .ToList();
        }

        // must: every condition holds; a condition is a keyword match on a payload field (any element of a list) or has_id.
        public IEnumerable<KeyValuePair<string, (float[] Vector, Dictionary<string, Value> Payload, long Version)>> Matching(Filter? filter)
        {
            if (filter is null)
            {
                return Points;
            }

            if (filter.Should.Count > 0 || filter.MustNot.Count > 0 || filter.MinShould is not null)
            {
                throw Error(StatusCode.Unimplemented, "The fake supports `must` filters only");
            }

            List<Func<string, Dictionary<string, Value>, bool>> conditions = [.. filter.Must.Select(Predicate)];
            return Points.Where(p => conditions.TrueForAll(c => c(p.Key, p.Value.Payload))).ToList();
        }

        private static Func<string, Dictionary<string, Value>, bool> Predicate(Condition condition)
        {
            if (condition.HasId is { } has)
            {
                HashSet<string> ids = [.. has.HasId.Select(Canonical)];
                return (id, _) => ids.Contains(id);
            }

            if (condition.Field is { Match.MatchValueCase: Match.MatchValueOneofCase.Keyword } field)
            {
                string keyword = field.Match.Keyword;
                return (_, payload) => payload.TryGetValue(field.Key, out Value? v) && (IsKeyword(v, keyword) || (v.ListValue?.Values.Any(x => IsKeyword(x, keyword)) ?? false));
            }

            throw Error(StatusCode.Unimplemented, $"The fake supports keyword matches and has_id only (got {condition})");
        }

        private static bool IsKeyword(Value value, string keyword) => value.KindCase == Value.KindOneofCase.StringValue && value.StringValue == keyword;

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
}

/// <summary>One call the fake Qdrant received.</summary>
/// <param name="Method">The gRPC method's full name, e.g. <c>/qdrant.Points/Upsert</c>.</param>
/// <param name="ApiKey">The <c>api-key</c> header, if any.</param>
/// <param name="Points">How many points the call carried (upserts, deletes by id).</param>
/// <param name="Status">The status answered (a scripted failure's included).</param>
public sealed record FakeQdrantRequest(string Method, string? ApiKey, int Points, StatusCode Status);
