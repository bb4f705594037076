using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>
/// A loopback Kestrel server that speaks the part of Discord's REST API AutoIntel uses and enforces what the public docs say:
/// embed and message limits (400 with code 50035), empty messages (50006), 429 with <c>retry_after</c> and <c>X-RateLimit-*</c>
/// headers per bucket and globally, invalid webhook / expired interaction tokens (401, code 50027), missing Send Messages (403, code 50013),
/// Create Message's <c>nonce</c> + <c>enforce_nonce</c> (a repeat within <see cref="NonceWindow"/> returns the first message), and
/// Get Channel Messages with <c>limit</c> (1-100, default 50), <c>before</c> and <c>after</c>, newest first.
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (string Token, string ChannelId, string Name)> _webhooks = new();
    private readonly ConcurrentDictionary<string, FakeDiscordMessage> _messages = new();
    private readonly ConcurrentDictionary<string, string> _interactionTokens = new();
    private readonly ConcurrentDictionary<string, bool> _deniedChannels = new();
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
    private readonly ConcurrentQueue<FakeDiscordRequest> _requests = new();
    private readonly ConcurrentQueue<(string Match, double RetryAfter, bool Global)> _forcedLimits = new();
    private readonly ConcurrentDictionary<(string Channel, string Author, string Nonce), (string MessageId, DateTimeOffset At)> _nonces = new();
    private (string Match, int Skip)? _lostResponse;
    private readonly object _gate = new();
    private static readonly DateTimeOffset DiscordEpoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _nextId;
    private long _globalBlockedUntil;
    private int _failures;
    private int _failureStatus = 502;
    private string? _failureMatch;
    private LoopbackHttpServer _http = null!;

    private FakeDiscordServer(TimeProvider time) => _time = time;

    /// <summary>The API base address, e.g. <c>http://127.0.0.1:5123/api/v10</c>.</summary>
    public string ApiBaseUrl { get; private set; } = string.Empty;

    /// <summary>The bot token the server accepts.</summary>
    public string BotToken { get; set; } = "bot-token-for-tests";

    /// <summary>The bot's user id (the author of messages it creates).</summary>
    public string BotUserId { get; } = "1000000000000000099";

    /// <summary>How long a nonce sent with <c>enforce_nonce</c> dedupes (Discord documents "the past few minutes").</summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Requests per bucket window before a 429 (Discord's real limits vary; tests lower this).</summary>
    public int BucketLimit { get; set; } = 50;

    /// <summary>The bucket window.</summary>
    public TimeSpan BucketWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When set, posts (webhook or bot) beyond this many stored messages fail with 503 (a Discord outage mid-delivery).</summary>
    public int? RejectPostsAfter { get; set; }

    /// <summary>Every request, in arrival order.</summary>
    public IReadOnlyList<FakeDiscordRequest> Requests => [.. _requests];

    /// <summary>Messages currently posted (deleted ones are gone).</summary>
    public IReadOnlyList<FakeDiscordMessage> Messages => [.. _messages.Values.OrderBy(m => m.Id, StringComparer.Ordinal)];

    /// <summary>Requests that arrived while their bucket or the global limit said to wait.</summary>
    public int RateLimitViolations { get; private set; }

    /// <summary>Mentions that would have notified someone (content mentioning @everyone, @here, users or roles while allowed_mentions permits it).</summary>
    public ConcurrentQueue<string> Pings { get; } = new();

    /// <summary>The current edits of interaction replies by token.</summary>
    public ConcurrentDictionary<string, string> OriginalResponses { get; } = new();

    /// <summary>Command sets registered by PUT, keyed by <c>global</c> or the guild id.</summary>
    public ConcurrentDictionary<string, JsonArray> Commands { get; } = new();

    /// <summary>Starts a server on 127.0.0.1 with a free port.</summary>
    public static async Task<FakeDiscordServer> StartAsync(TimeProvider? time = null)
    {
        var server = new FakeDiscordServer(time ?? TimeProvider.System);
        server._http = await LoopbackHttpServer.StartAsync(app => app.Map("/api/v10/{**path}", server.HandleAsync));
        server.ApiBaseUrl = server._http.Url("api/v10").ToString();
        return server;
    }

    /// <summary>Knows a valid interaction token (the application's webhook for replies).</summary>
    public void AddInteraction(string applicationId, string token) => _interactionTokens[token] = applicationId;

    /// <summary>Makes an interaction token expire (Discord answers 401 with code 50027 afterwards).</summary>
    public void ExpireInteraction(string token) => _interactionTokens.TryRemove(token, out _);

    /// <summary>Takes Send Messages away from the bot in a channel.</summary>
    public void DenySendMessages(string channelId) => _deniedChannels[channelId] = true;

    /// <summary>
    /// After <paramref name="skip"/> requests whose path contains <paramref name="match"/>, the next one is carried out but its connection
    /// is cut before the answer: what a client sees when it crashes or times out after Discord accepted the request.
    /// </summary>
    public void LoseResponse(string match, int skip = 0)
    {
        lock (_gate)
        {
            _lostResponse = (match, skip);
        }
    }

    /// <summary>A message posted by someone else (a user) in a channel.</summary>
    public string AddUserMessage(string channelId, string authorId, string content)
    {
        var message = new FakeDiscordMessage(NextId(), null, channelId, new JsonObject { ["content"] = content }, [], authorId);
        _messages[message.Id] = message;
        return message.Id;
    }

    /// <summary>Adds a webhook as if someone created it earlier; returns its id.</summary>
    public string AddWebhook(string channelId, string name, string token)
    {
        string id = NextId();
        _webhooks[id] = (token, channelId, name);
        return id;
    }

    /// <summary>Deletes a webhook (as an admin would in channel settings).</summary>
    public void DeleteWebhook(string id) => _webhooks.TryRemove(id, out _);

    /// <summary>The next request whose path contains <paramref name="match"/> gets a 429.</summary>
    public void RateLimitNext(string match, double retryAfterSeconds, bool global = false) => _forcedLimits.Enqueue((match, retryAfterSeconds, global));

    /// <summary>The next <paramref name="count"/> requests (whose path contains <paramref name="match"/>, when given) fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status = 502, string? match = null)
    {
        _failureStatus = status;
        _failureMatch = match;
        Interlocked.Exchange(ref _failures, count);
    }

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    // Snowflakes as Discord makes them: milliseconds since 2015-01-01 in the top bits, so ids sort by time and after/before work with times.
    private string NextId()
    {
        long fromClock = (long)(_time.GetUtcNow() - DiscordEpoch).TotalMilliseconds << 22;
        lock (_gate)
        {
            _nextId = Math.Max(_nextId + 1, fromClock);
            return _nextId.ToString(CultureInfo.InvariantCulture);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string path = "/" + (string?)context.Request.RouteValues["path"];
        (string? json, List<FakeDiscordFile> files) = await ReadBodyAsync(request);
        string[] s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        (int status, object? body) = Dispatch(context, request.Method, s, json, files);
        _requests.Enqueue(new FakeDiscordRequest(request.Method, path, request.QueryString.Value ?? string.Empty, json, files, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, status));
        if (IsLost(path))
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body as string ?? JsonSerializer.Serialize(body));
        }
    }

    private bool IsLost(string path)
    {
        lock (_gate)
        {
            if (_lostResponse is not var (match, skip) || !path.Contains(match, StringComparison.Ordinal))
            {
                return false;
            }

            _lostResponse = skip == 0 ? null : (match, skip - 1);
            return skip == 0;
        }
    }

    private (int Status, object? Body) Dispatch(HttpContext context, string method, string[] s, string? json, List<FakeDiscordFile> files)
    {
        string major = s.Length >= 2 ? $"{s[0]}/{s[1]}" + (s[0] == "webhooks" && s.Length > 2 ? "/" + s[2] : string.Empty) : string.Join('/', s);
        string route = method + " " + string.Join('/', s.Select((x, i) => i >= 2 && x.All(char.IsAsciiDigit) || (s[0] == "webhooks" && i == 2) ? ":x" : x));
        if (RateLimited(context, route, major, string.Join('/', s)) is { } limited)
        {
            return limited;
        }

        if ((_failureMatch is null || string.Join('/', s).Contains(_failureMatch, StringComparison.Ordinal)) && Interlocked.Decrement(ref _failures) >= 0)
        {
            return (_failureStatus, new { message = "Bad Gateway", code = 0 });
        }

        return (method, s) switch
        {
            ("POST", ["channels", var channel, "messages"]) => Bot(context) ?? CreateMessage(channel, json, files),
            ("PATCH", ["channels", var channel, "messages", var messageId]) => Bot(context) ?? EditChannelMessage(channel, messageId, json),
            ("GET", ["channels", var channel, "messages"]) => Bot(context) ?? ChannelMessages(channel, context.Request.Query),
            ("GET", ["users", "@me"]) => Bot(context) ?? (200, new { id = BotUserId, username = "AutoIntel", bot = true }),
            ("POST", ["webhooks", var id, var token]) => Execute(id, token, json, files, context.Request.Query["wait"] == "true"),
            ("PATCH", ["webhooks", var id, var token, "messages", var messageId]) => Edit(id, token, messageId, json, files),
            ("DELETE", ["webhooks", var id, var token, "messages", var messageId]) => Delete(id, token, messageId),
            ("PUT", ["applications", var app, "commands"]) => Bot(context) ?? Register("global", json),
            ("PUT", ["applications", var app, "guilds", var guild, "commands"]) => Bot(context) ?? Register(guild, json),
            _ => (404, new { message = "404: Not Found", code = 0 }),
        };
    }

    private (int, object?)? Bot(HttpContext context) =>
        context.Request.Headers.Authorization == $"Bot {BotToken}" ? null : (401, new { message = "401: Unauthorized", code = 0 });

    private (int, object?) CreateMessage(string channel, string? json, List<FakeDiscordFile> files)
    {
        if (_deniedChannels.ContainsKey(channel))
        {
            return MissingPermissions();
        }

        if (_messages.Count >= RejectPostsAfter)
        {
            return (503, new { message = "Service Unavailable", code = 0 });
        }

        JsonObject payload = JsonNode.Parse(json ?? "{}") as JsonObject ?? [];
        if (Validate(payload, files, requireSomething: true) is { } invalid)
        {
            return invalid;
        }

        string? nonce = payload["nonce"]?.ToString();
        if (nonce is { Length: > 25 })
        {
            return FormError("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }

        bool enforce = payload["enforce_nonce"]?.GetValue<bool>() == true;
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            if (enforce && nonce is not null && _nonces.TryGetValue((channel, BotUserId, nonce), out var seen) && now - seen.At < NonceWindow
                && _messages.TryGetValue(seen.MessageId, out FakeDiscordMessage? first))
            {
                return (200, MessageJson(first, nonce));
            }

            CheckMentions(payload);
            var message = new FakeDiscordMessage(NextId(), null, channel, payload, files, BotUserId);
            _messages[message.Id] = message;
            if (nonce is not null)
            {
                _nonces[(channel, BotUserId, nonce)] = (message.Id, now);
            }

            return (200, MessageJson(message, nonce));
        }
    }

    private (int, object?) EditChannelMessage(string channel, string messageId, string? json)
    {
        if (!_messages.TryGetValue(messageId, out FakeDiscordMessage? existing) || existing.ChannelId != channel)
        {
            return (404, new { message = "Unknown Message", code = 10008 });
        }

        if (existing.AuthorId != BotUserId)
        {
            return (403, new { message = "Cannot edit a message authored by another user", code = 50005 });
        }

        JsonObject payload = JsonNode.Parse(json ?? "{}") as JsonObject ?? [];
        if (Validate(payload, [], requireSomething: false) is { } invalid)
        {
            return invalid;
        }

        CheckMentions(payload);
        var edited = existing with { Payload = payload };
        _messages[messageId] = edited;
        return (200, MessageJson(edited));
    }

    private (int, object?) ChannelMessages(string channel, IQueryCollection query)
    {
        int limit = 50;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            return FormError("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 100.");
        }

        IEnumerable<FakeDiscordMessage> inChannel = _messages.Values.Where(m => m.ChannelId == channel);
        IEnumerable<FakeDiscordMessage> page = query.TryGetValue("after", out var after)
            ? inChannel.Where(m => Id(m.Id) > Id(after!)).OrderBy(m => Id(m.Id)).Take(limit).Reverse()
            : query.TryGetValue("before", out var before)
                ? inChannel.Where(m => Id(m.Id) < Id(before!)).OrderByDescending(m => Id(m.Id)).Take(limit)
                : inChannel.OrderByDescending(m => Id(m.Id)).Take(limit);
        return (200, page.Select(m => MessageJson(m)).ToArray());
    }

    private static ulong Id(string id) => ulong.Parse(id, CultureInfo.InvariantCulture);

    private (int, object?) Execute(string id, string token, string? json, List<FakeDiscordFile> files, bool wait)
    {
        if (WebhookError(id, token) is { } error)
        {
            return error;
        }

        if (_messages.Count >= RejectPostsAfter)
        {
            return (503, new { message = "Service Unavailable", code = 0 });
        }

        JsonObject payload = JsonNode.Parse(json ?? "{}") as JsonObject ?? [];
        if (Validate(payload, files, requireSomething: true) is { } invalid)
        {
            return invalid;
        }

        // Webhooks created by people (not by the application) may not carry buttons or selects.
        if (payload["components"] is JsonArray { Count: > 0 })
        {
            return FormError("components", "COMPONENT_WEBHOOK_NOT_APPLICATION_OWNED", "Interactive components require an application-owned webhook.");
        }

        CheckMentions(payload);
        var message = new FakeDiscordMessage(NextId(), id, ChannelOf(id), payload, files, id);
        _messages[message.Id] = message;
        return wait ? (200, MessageJson(message)) : (204, null);
    }

    private (int, object?) Edit(string id, string token, string messageId, string? json, List<FakeDiscordFile> files)
    {
        if (WebhookError(id, token) is { } error)
        {
            return error;
        }

        JsonObject payload = JsonNode.Parse(json ?? "{}") as JsonObject ?? [];
        if (Validate(payload, files, requireSomething: false) is { } invalid)
        {
            return invalid;
        }

        CheckMentions(payload);
        if (messageId == "@original")
        {
            OriginalResponses[token] = payload["content"]?.GetValue<string>() ?? string.Empty;
            return (200, new { id = "original-" + id, channel_id = (string?)null, content = OriginalResponses[token] });
        }

        if (!_messages.TryGetValue(messageId, out FakeDiscordMessage? existing) || existing.WebhookId != id)
        {
            return (404, new { message = "Unknown Message", code = 10008 });
        }

        var edited = existing with { Payload = payload, Files = files.Count > 0 ? files : existing.Files };
        _messages[messageId] = edited;
        return (200, MessageJson(edited));
    }

    private (int, object?) Delete(string id, string token, string messageId)
    {
        if (WebhookError(id, token) is { } error)
        {
            return error;
        }

        return _messages.TryRemove(messageId, out _) ? (204, null) : (404, new { message = "Unknown Message", code = 10008 });
    }

    private (int, object?) Register(string scope, string? json)
    {
        if (JsonNode.Parse(json ?? "null") is not JsonArray commands || commands.Count > 100)
        {
            return FormError("_", "BASE_TYPE_REQUIRED", "Expected an array of at most 100 commands.");
        }

        foreach (JsonNode? command in commands)
        {
            string? name = command?["name"]?.GetValue<string>();
            if (name is null || name.Length > 32 || name.Any(char.IsUpper))
            {
                return FormError("name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
            }

            command!["id"] = NextId();
        }

        Commands[scope] = commands;
        return (200, commands.ToJsonString());
    }

    private (int, object?)? WebhookError(string id, string token)
    {
        if (_interactionTokens.TryGetValue(token, out string? app) && app == id)
        {
            return null;
        }

        if (_webhooks.TryGetValue(id, out var webhook))
        {
            return webhook.Token == token ? null : (401, new { message = "Invalid Webhook Token", code = 50027 });
        }

        // An interaction token past its 15 minutes is refused like a bad webhook token.
        return id.All(char.IsAsciiDigit) && token.StartsWith("interaction-", StringComparison.Ordinal)
            ? (401, new { message = "Invalid Webhook Token", code = 50027 })
            : (404, new { message = "Unknown Webhook", code = 10015 });
    }

    private string? ChannelOf(string webhookId) => _webhooks.TryGetValue(webhookId, out var w) ? w.ChannelId : null;

    private static (int, object?) MissingPermissions() => (403, new { message = "Missing Permissions", code = 50013 });

    private static (int, object?) FormError(string field, string code, string message) =>
        (400, new Dictionary<string, object>
        {
            ["code"] = 50035,
            ["errors"] = new Dictionary<string, object> { [field] = new { _errors = new[] { new { code, message } } } },
            ["message"] = "Invalid Form Body",
        });

    // The nonce is echoed only in Create Message's answer; fetched messages do not carry it.
    private object MessageJson(FakeDiscordMessage m, string? nonce = null) => new
    {
        id = m.Id,
        channel_id = m.ChannelId,
        author = new { id = m.AuthorId, username = m.WebhookId is null && m.AuthorId == BotUserId ? "AutoIntel" : "someone", bot = m.WebhookId is not null || m.AuthorId == BotUserId },
        webhook_id = m.WebhookId,
        content = m.Payload["content"]?.GetValue<string>() ?? string.Empty,
        embeds = m.Payload["embeds"]?.DeepClone() ?? new JsonArray(),
        attachments = m.Files.Select(f => new { id = f.FormName, filename = f.FileName, size = f.Content.Length }).ToArray(),
        nonce,
    };

    // Limits from the docs: content 2000; 10 embeds; title 256, description 4096, 25 fields, field name 256, value 1024,
    // footer 2048, author 256; 6000 characters across all embeds; 10 files.
    private static (int, object?)? Validate(JsonObject payload, List<FakeDiscordFile> files, bool requireSomething)
    {
        string content = payload["content"]?.GetValue<string>() ?? string.Empty;
        JsonArray embeds = payload["embeds"] as JsonArray ?? [];
        if (content.Length > 2000)
        {
            return FormError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
        }

        if (embeds.Count > 10)
        {
            return FormError("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
        }

        if (files.Count > 10)
        {
            return FormError("files", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
        }

        int total = 0;
        for (int i = 0; i < embeds.Count; i++)
        {
            JsonNode embed = embeds[i]!;
            int title = Len(embed["title"]);
            int description = Len(embed["description"]);
            int footer = Len(embed["footer"]?["text"]);
            int author = Len(embed["author"]?["name"]);
            JsonArray fields = embed["fields"] as JsonArray ?? [];
            if (title > 256 || description > 4096 || footer > 2048 || author > 256 || fields.Count > 25)
            {
                return FormError($"embeds.{i}", "BASE_TYPE_MAX_LENGTH", "Embed exceeds a documented limit.");
            }

            foreach (JsonNode? field in fields)
            {
                int name = Len(field?["name"]);
                int value = Len(field?["value"]);
                if (name is 0 or > 256 || value is 0 or > 1024)
                {
                    return FormError($"embeds.{i}.fields", "BASE_TYPE_BAD_LENGTH", "Field name must be 1-256 and value 1-1024 in length.");
                }

                total += name + value;
            }

            total += title + description + footer + author;
        }

        if (total > 6000)
        {
            return FormError("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
        }

        if (ValidateComponents(payload["components"] as JsonArray ?? []) is { } badComponents)
        {
            return badComponents;
        }

        if (requireSomething && content.Length == 0 && embeds.Count == 0 && files.Count == 0)
        {
            return (400, new { message = "Cannot send an empty message", code = 50006 });
        }

        return null;
    }

    // Legacy components: up to 5 action rows; a row holds up to 5 buttons or exactly one select; custom_id 1-100 and unique;
    // button labels up to 80; a string select has 1-25 options with label, value and description up to 100.
    private static (int, object?)? ValidateComponents(JsonArray rows)
    {
        if (rows.Count > 5)
        {
            return FormError("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonNode? row in rows)
        {
            JsonArray children = row?["components"] as JsonArray ?? [];
            if (row?["type"]?.GetValue<int>() != 1 || children.Count is 0 or > 5)
            {
                return FormError("components", "UNION_TYPE_CHOICES", "Top-level components must be action rows of 1-5 components.");
            }

            bool hasSelect = children.Any(c => c?["type"]?.GetValue<int>() == 3);
            if (hasSelect && children.Count > 1)
            {
                return FormError("components", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "A row with a select menu cannot hold anything else.");
            }

            foreach (JsonNode? child in children)
            {
                string customId = child?["custom_id"]?.GetValue<string>() ?? string.Empty;
                if (customId.Length is 0 or > 100 || !ids.Add(customId))
                {
                    return FormError("components", "BASE_TYPE_BAD_LENGTH", "custom_id must be 1-100 characters and unique.");
                }

                if (child?["type"]?.GetValue<int>() == 2 && Len(child["label"]) > 80)
                {
                    return FormError("components", "BASE_TYPE_MAX_LENGTH", "Button label must be 80 or fewer in length.");
                }

                if (child?["type"]?.GetValue<int>() == 3)
                {
                    JsonArray options = child["options"] as JsonArray ?? [];
                    int max = child["max_values"]?.GetValue<int>() ?? 1;
                    if (options.Count is 0 or > 25 || max > options.Count
                        || options.Any(o => Len(o?["label"]) is 0 or > 100 || Len(o?["value"]) is 0 or > 100 || Len(o?["description"]) > 100))
                    {
                        return FormError("components", "BASE_TYPE_BAD_LENGTH", "A select needs 1-25 options whose label, value and description are at most 100 characters.");
                    }
                }
            }
        }

        return null;
    }

    private static int Len(JsonNode? node) => node?.GetValue<string>().Length ?? 0;

    // Discord parses everything when allowed_mentions is absent; an empty parse list with no users/roles pings nobody.
    private void CheckMentions(JsonObject payload)
    {
        string content = payload["content"]?.GetValue<string>() ?? string.Empty;
        JsonNode? allowed = payload["allowed_mentions"];
        HashSet<string> parse = allowed is null
            ? ["everyone", "users", "roles"]
            : [.. (allowed["parse"] as JsonArray ?? []).Select(n => n!.GetValue<string>())];
        if (parse.Contains("everyone") && (content.Contains("@everyone", StringComparison.Ordinal) || content.Contains("@here", StringComparison.Ordinal)))
        {
            Pings.Enqueue("everyone");
        }

        if (parse.Contains("users") && content.Contains("<@", StringComparison.Ordinal) && !content.Contains("<@&", StringComparison.Ordinal))
        {
            Pings.Enqueue("users");
        }

        if (parse.Contains("roles") && content.Contains("<@&", StringComparison.Ordinal))
        {
            Pings.Enqueue("roles");
        }
    }

    private (int, object?)? RateLimited(HttpContext context, string route, string major, string path)
    {
        DateTimeOffset now = _time.GetUtcNow();
        HttpResponse response = context.Response;
        lock (_gate)
        {
            if (_globalBlockedUntil > now.UtcTicks)
            {
                RateLimitViolations++;
                return Limit(response, TimeSpan.FromTicks(_globalBlockedUntil - now.UtcTicks).TotalSeconds, global: true, null);
            }

            Bucket bucket = _buckets.GetOrAdd(route + "|" + major, _ => new Bucket(Guid.NewGuid().ToString("N")[..10]));
            if (_forcedLimits.TryPeek(out var forced) && path.Contains(forced.Match, StringComparison.Ordinal) && _forcedLimits.TryDequeue(out _))
            {
                if (forced.Global)
                {
                    _globalBlockedUntil = (now + TimeSpan.FromSeconds(forced.RetryAfter)).UtcTicks;
                }
                else
                {
                    bucket.BlockedUntil = now + TimeSpan.FromSeconds(forced.RetryAfter);
                }

                return Limit(response, forced.RetryAfter, forced.Global, bucket);
            }

            if (bucket.BlockedUntil > now)
            {
                RateLimitViolations++;
                return Limit(response, (bucket.BlockedUntil - now).TotalSeconds, global: false, bucket);
            }

            if (bucket.WindowEnds <= now)
            {
                bucket.WindowEnds = now + BucketWindow;
                bucket.Used = 0;
            }

            if (bucket.Used >= BucketLimit)
            {
                RateLimitViolations++;
                return Limit(response, (bucket.WindowEnds - now).TotalSeconds, global: false, bucket);
            }

            bucket.Used++;
            response.Headers["X-RateLimit-Limit"] = BucketLimit.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-RateLimit-Remaining"] = (BucketLimit - bucket.Used).ToString(CultureInfo.InvariantCulture);
            response.Headers["X-RateLimit-Reset-After"] = (bucket.WindowEnds - now).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
            response.Headers["X-RateLimit-Reset"] = (bucket.WindowEnds.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
            response.Headers["X-RateLimit-Bucket"] = bucket.Id;
            return null;
        }
    }

    private static (int, object?) Limit(HttpResponse response, double retryAfter, bool global, Bucket? bucket)
    {
        response.Headers["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Scope"] = global ? "global" : "user";
        if (global)
        {
            response.Headers["X-RateLimit-Global"] = "true";
        }
        else if (bucket is not null)
        {
            response.Headers["X-RateLimit-Bucket"] = bucket.Id;
            response.Headers["X-RateLimit-Remaining"] = "0";
            response.Headers["X-RateLimit-Reset-After"] = retryAfter.ToString("0.000", CultureInfo.InvariantCulture);
        }

        return (429, new { message = "You are being rate limited.", retry_after = Math.Round(retryAfter, 3), global });
    }

    private static async Task<(string? Json, List<FakeDiscordFile> Files)> ReadBodyAsync(HttpRequest request)
    {
        var files = new List<FakeDiscordFile>();
        if (request.HasFormContentType)
        {
            IFormCollection form = await request.ReadFormAsync();
            foreach (IFormFile file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files.Add(new FakeDiscordFile(file.Name, file.FileName, buffer.ToArray()));
            }

            return (form["payload_json"].ToString(), files);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        string text = await reader.ReadToEndAsync();
        return (text.Length == 0 ? null : text, files);
    }

    private sealed class Bucket(string id)
    {
        public string Id { get; } = id;

        public int Used { get; set; }

        public DateTimeOffset WindowEnds { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }
}
