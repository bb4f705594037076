using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>An OpenAI-compatible server on 127.0.0.1:0 following the public API: chat completions (incl. json_schema), embeddings,
/// audio transcriptions, error bodies, 429 with Retry-After, delays and malformed bodies. Serves <c>/v1/</c>, Azure's <c>/openai/v1/</c>, and
/// Azure's classic <c>/openai/deployments/{deployment}/…?api-version=</c> shape (deployment from the path, <c>api-key</c> or bearer auth,
/// Azure's 404 bodies for an unknown api-version or deployment).</summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<FakeChatRequest> _chatRequests = new();
    private readonly ConcurrentQueue<FakeTranscriptionRequest> _transcriptionRequests = new();
    private int _embeddingCalls;
    private int _transcriptionCalls;
    private LoopbackHttpServer _http = null!;

    private FakeOpenAiServer()
    {
    }

    /// <summary>Base URL for the SDK (<c>http://127.0.0.1:port/v1/</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Answers chat requests when nothing is scripted; defaults to a minimal JSON object.</summary>
    public Func<FakeChatRequest, FakeReply> Chat { get; set; } = _ => FakeReply.Json("{}");

    /// <summary>Per-model override of <see cref="Chat"/> (e.g. one model is down).</summary>
    public ConcurrentDictionary<string, Func<FakeChatRequest, FakeReply>> ChatByModel { get; } = new(StringComparer.Ordinal);

    /// <summary>api-versions the classic Azure shape accepts; any other (or none) gets Azure's 404 "Resource not found".</summary>
    public ISet<string> AzureApiVersions { get; } = new HashSet<string>(StringComparer.Ordinal) { "2024-06-01", "2024-10-21", "2025-04-01-preview" };

    /// <summary>Deployments the classic Azure shape serves; empty serves any name, otherwise others get Azure's DeploymentNotFound.</summary>
    public ISet<string> AzureDeployments { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Chat requests received, in order.</summary>
    public IReadOnlyList<FakeChatRequest> ChatRequests => [.. _chatRequests];

    /// <summary>Embedding requests received.</summary>
    public int EmbeddingCalls => Volatile.Read(ref _embeddingCalls);

    /// <summary>Transcription requests received.</summary>
    public int TranscriptionCalls => Volatile.Read(ref _transcriptionCalls);

    /// <summary>Transcription requests that reached the handler (within the size limit), in arrival order.</summary>
    public IReadOnlyList<FakeTranscriptionRequest> TranscriptionRequests => [.. _transcriptionRequests];

    /// <summary>The largest transcription request body accepted; larger ones get OpenAI's 413. Default 25 MiB, as OpenAI's "25 MB" file limit
    /// is enforced on the request (<c>Maximum content size limit (26214400) exceeded</c>).</summary>
    public long MaxTranscriptionRequestBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>What a diarizing model (one whose name contains "diarize") hears: speaker label and text per segment, 2.5 s each.
    /// Labels follow OpenAI's default ("A", "B", … in order of first appearance).</summary>
    public IReadOnlyList<(string Speaker, string Text)> DiarizedSpeech { get; set; } =
        [("A", "Welcome to the show."), ("B", "Thanks for having me."), ("A", "Let us begin.")];

    /// <summary>Overrides the reply to a transcription request (e.g. an error or a delay for one piece); null keeps the default answer.</summary>
    public Func<FakeTranscriptionRequest, FakeReply?>? Transcribe { get; set; }

    /// <summary>Starts the server on a free loopback port, over HTTPS when a <paramref name="certificate"/> is given.</summary>
    public static async Task<FakeOpenAiServer> StartAsync(X509Certificate2? certificate = null)
    {
        var server = new FakeOpenAiServer();
        server._http = await LoopbackHttpServer.StartAsync(app => app.Run(server.HandleAsync), certificate: certificate);
        server.BaseUrl = server._http.Url("v1/");
        return server;
    }

    /// <summary>Queues replies used (in order) before <see cref="Chat"/>.</summary>
    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var r in replies)
        {
            _script.Enqueue(r);
        }
    }

    /// <summary>Chat requests for one model.</summary>
    public int ChatCallsTo(string model) => _chatRequests.Count(r => r.Model == model);

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        if (ctx.Request.Headers.Authorization.Count == 0 && !ctx.Request.Headers.ContainsKey("api-key"))
        {
            await WriteAsync(ctx, FakeReply.Error(401, "Missing API key"));
            return;
        }

        string? deployment = null;
        if (path.StartsWith(AzureDeploymentsPrefix, StringComparison.Ordinal))
        {
            deployment = path[AzureDeploymentsPrefix.Length..].Split('/')[0];
            if (AzureRefusal(ctx, deployment) is { } refusal)
            {
                await WriteAsync(ctx, refusal);
                return;
            }
        }

        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await ChatAsync(ctx, path, deployment);
        }
        else if (path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            await EmbeddingsAsync(ctx);
        }
        else if (path.EndsWith("/audio/transcriptions", StringComparison.Ordinal))
        {
            await TranscriptionAsync(ctx);
        }
        else
        {
            await WriteAsync(ctx, FakeReply.Error(404, $"Unknown path {path}"));
        }
    }

    private const string AzureDeploymentsPrefix = "/openai/deployments/";

    // Azure answers an unknown or missing api-version with 404 "Resource not found", and a missing deployment with DeploymentNotFound.
    private FakeReply? AzureRefusal(HttpContext ctx, string deployment)
    {
        string? version = ctx.Request.Query["api-version"];
        if (version is null || !AzureApiVersions.Contains(version))
        {
            return AzureError(404, "404", "Resource not found");
        }

        return AzureDeployments.Count > 0 && !AzureDeployments.Contains(deployment)
            ? AzureError(404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.")
            : null;
    }

    private static FakeReply AzureError(int status, string code, string message) =>
        new(Status: status, RawBody: new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());

    private async Task ChatAsync(HttpContext ctx, string path, string? deployment)
    {
        var body = await JsonNode.ParseAsync(ctx.Request.Body);
        var model = deployment ?? body?["model"]?.GetValue<string>() ?? "";
        var format = body?["response_format"];
        var messages = (body?["messages"]?.AsArray() ?? []).Select(m => (
            m!["role"]!.GetValue<string>(),
            m["content"] is JsonValue v ? v.GetValue<string>() : string.Concat((m["content"]?.AsArray() ?? []).Select(p => p?["text"]?.GetValue<string>() ?? "")))).ToList();
        var request = new FakeChatRequest(path, model, format?["json_schema"]?["name"]?.GetValue<string>(), format?["type"]?.GetValue<string>(), messages, ctx.Request.Headers.Authorization.ToString())
        {
            ApiKey = ctx.Request.Headers["api-key"].FirstOrDefault(),
            ApiVersion = ctx.Request.Query["api-version"].FirstOrDefault(),
            Schema = format?["json_schema"]?["schema"]?.DeepClone(),
        };
        _chatRequests.Enqueue(request);
        if (format?["json_schema"]?["strict"]?.GetValue<bool>() == true && StrictSchemaProblem(request.Schema, "") is { } problem)
        {
            await WriteAsync(ctx, FakeReply.Error(400, $"Invalid schema for response_format '{request.SchemaName}': {problem}"));
            return;
        }

        var reply = _script.TryDequeue(out var scripted) ? scripted
            : ChatByModel.TryGetValue(model, out var perModel) ? perModel(request)
            : Chat(request);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (reply.Status == 200 && reply.RawBody is null)
        {
            var completion = new JsonObject
            {
                ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12],
                ["object"] = "chat.completion",
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content ?? "", ["refusal"] = null },
                    ["logprobs"] = null,
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject
                {
                    ["prompt_tokens"] = reply.PromptTokens,
                    ["completion_tokens"] = reply.CompletionTokens,
                    ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
                },
            };
            reply = reply with { RawBody = completion.ToJsonString() };
        }

        await WriteAsync(ctx, reply);
    }

    // OpenAI's strict structured outputs: every object closes with additionalProperties:false and lists every property as required;
    // string length keywords are refused ("'maxLength' is not permitted").
    private static string? StrictSchemaProblem(JsonNode? schema, string context)
    {
        if (schema is not JsonObject node)
        {
            return schema is null ? "schema is missing." : null;
        }

        foreach (var keyword in new[] { "minLength", "maxLength" })
        {
            if (node.ContainsKey(keyword))
            {
                return $"In context=({context}), '{keyword}' is not permitted.";
            }
        }

        if (node["properties"] is JsonObject properties)
        {
            if (node["additionalProperties"]?.GetValue<bool>() != false)
            {
                return $"In context=({context}), 'additionalProperties' is required to be supplied and to be false.";
            }

            var required = (node["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            if (properties.Select(p => p.Key).FirstOrDefault(k => !required.Contains(k)) is { } missing)
            {
                return $"In context=({context}), 'required' is required to be supplied and to be an array including every key in properties. Missing '{missing}'.";
            }

            foreach (var (name, property) in properties)
            {
                if (StrictSchemaProblem(property, $"{context}, 'properties', '{name}'") is { } problem)
                {
                    return problem;
                }
            }
        }

        return node["items"] is { } items ? StrictSchemaProblem(items, $"{context}, 'items'") : null;
    }

    private async Task EmbeddingsAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _embeddingCalls);
        var body = await JsonNode.ParseAsync(ctx.Request.Body);
        var input = body?["input"];
        var texts = input is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : [input!.GetValue<string>()];
        var base64 = body?["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < texts.Count; i++)
        {
            var vector = Embed(texts[i]);
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray()))
                : new JsonArray([.. vector.Select(f => JsonValue.Create(f))]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body?["model"]?.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = texts.Sum(t => t.Length / 4), ["total_tokens"] = texts.Sum(t => t.Length / 4) },
        };
        await WriteAsync(ctx, new FakeReply(RawBody: response.ToJsonString()));
    }

    private async Task TranscriptionAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _transcriptionCalls);
        long limit = MaxTranscriptionRequestBytes;
        if (ctx.Request.ContentLength > limit)
        {
            await WriteAsync(ctx, TooLarge(limit, ctx.Request.ContentLength.Value));
            return;
        }

        var form = await ctx.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (file is null || string.IsNullOrEmpty(form["model"]))
        {
            await WriteAsync(ctx, FakeReply.Error(400, "file and model are required"));
            return;
        }

        if (file.Length > limit)
        {
            await WriteAsync(ctx, TooLarge(limit, file.Length));
            return;
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content);
        var request = new FakeTranscriptionRequest(file.FileName, content.ToArray());
        _transcriptionRequests.Enqueue(request);
        if (Transcribe?.Invoke(request) is { } custom)
        {
            if (custom.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(custom.Delay, ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (custom.Status != 200 || custom.RawBody is not null)
            {
                await WriteAsync(ctx, custom);
                return;
            }
        }

        if (DiarizationReply(form) is { } diarization)
        {
            await WriteAsync(ctx, diarization);
            return;
        }

        var segments = new JsonArray(
            new JsonObject { ["id"] = 0, ["seek"] = 0, ["start"] = 0.0, ["end"] = 2.5, ["text"] = " Hello from the fake server.", ["tokens"] = new JsonArray(), ["temperature"] = 0.0, ["avg_logprob"] = -0.1, ["compression_ratio"] = 1.0, ["no_speech_prob"] = 0.01 },
            new JsonObject { ["id"] = 1, ["seek"] = 0, ["start"] = 2.5, ["end"] = 5.0, ["text"] = $" The file {file.FileName} had {file.Length} bytes.", ["tokens"] = new JsonArray(), ["temperature"] = 0.0, ["avg_logprob"] = -0.1, ["compression_ratio"] = 1.0, ["no_speech_prob"] = 0.01 });
        var response = form["response_format"] == "verbose_json"
            ? new JsonObject { ["task"] = "transcribe", ["language"] = "english", ["duration"] = 5.0, ["text"] = $"Hello from the fake server. The file {file.FileName} had {file.Length} bytes.", ["segments"] = segments }
            : new JsonObject { ["text"] = $"Hello from the fake server. The file {file.FileName} had {file.Length} bytes." };
        await WriteAsync(ctx, new FakeReply(RawBody: response.ToJsonString()));
    }

    // gpt-4o-transcribe-diarize: diarized_json gives segments of type transcript.text.segment with a speaker label; a diarizing
    // request without chunking_strategy is refused (OpenAI requires it past 30 s of audio; the fake cannot measure, so always),
    // and so is diarized_json from a model that does not diarize. Null when the request is not about diarization.
    private FakeReply? DiarizationReply(IFormCollection form)
    {
        bool diarizingModel = form["model"].ToString().Contains("diarize", StringComparison.OrdinalIgnoreCase);
        bool diarizedFormat = form["response_format"] == "diarized_json";
        if (!diarizedFormat)
        {
            return null;
        }

        if (!diarizingModel)
        {
            return FakeReply.Error(400, $"response_format 'diarized_json' is not compatible with model '{form["model"]}'.");
        }

        if (string.IsNullOrEmpty(form["chunking_strategy"]))
        {
            return FakeReply.Error(400, "chunking_strategy is required for diarization models.");
        }

        var segments = new JsonArray([.. DiarizedSpeech.Select((s, i) => (JsonNode)new JsonObject
        {
            ["type"] = "transcript.text.segment",
            ["id"] = $"seg_{i:000}",
            ["start"] = i * 2.5,
            ["end"] = (i + 1) * 2.5,
            ["text"] = s.Text,
            ["speaker"] = s.Speaker,
        })]);
        var response = new JsonObject
        {
            ["task"] = "transcribe",
            ["duration"] = DiarizedSpeech.Count * 2.5,
            ["text"] = string.Join(' ', DiarizedSpeech.Select(s => s.Text)),
            ["segments"] = segments,
            ["usage"] = new JsonObject { ["type"] = "duration", ["seconds"] = (int)Math.Ceiling(DiarizedSpeech.Count * 2.5) },
        };
        return new FakeReply(RawBody: response.ToJsonString());
    }

    // OpenAI's answer to an oversized upload: 413 with a server_error body naming the limit and the bytes read.
    private static FakeReply TooLarge(long limit, long read) => new(
        Status: 413,
        RawBody: new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = $"Maximum content size limit ({limit}) exceeded ({read} bytes read)", ["type"] = "server_error", ["param"] = null, ["code"] = null },
        }.ToJsonString());

    private static float[] Embed(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var vector = hash.Take(16).Select(b => (b - 128) / 128f).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }

    private static async Task WriteAsync(HttpContext ctx, FakeReply reply)
    {
        ctx.Response.StatusCode = reply.Status;
        ctx.Response.ContentType = "application/json";
        foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>())
        {
            ctx.Response.Headers[k] = v;
        }

        await ctx.Response.WriteAsync(reply.RawBody ?? "{}", ctx.RequestAborted);
    }
}
