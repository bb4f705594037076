using System.Text;
using AutoIntel.Functions.Http;
using AutoIntel.Functions.Orchestrations;
using Microsoft.Azure.Functions.Worker;
using AutoIntel.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Functions.Tests.Adapter;

/// <summary>
/// The Functions app's own container (<see cref="FunctionsServiceCollectionExtensions.AddAutoIntelFunctions"/>) over a temp data
/// folder, and its HTTP functions called the way the host calls them: a real <see cref="HttpRequest"/> and the engine's client.
/// </summary>
internal sealed class FunctionsApp : IAsyncDisposable
{
    private readonly TempDirectory _data = new();

    public FunctionsApp(IReadOnlyDictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(configuration);
        services.AddAutoIntelFunctions(configuration, _data.Path);
        Services = services.BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    /// <summary>
    /// The settings the engine tests run the app with: Discord through <paramref name="discord"/> (interactions signed by
    /// <paramref name="signer"/>), and loopback pages allowed, as a self-hoster allows a host.
    /// </summary>
    public static Dictionary<string, string?> Settings(TestSigner signer, FakeDiscordServer discord, string applicationId) => new()
    {
        ["Discord:PublicKey"] = signer.PublicKeyHex,
        ["Discord:BotToken"] = discord.BotToken,
        ["Discord:ApplicationId"] = applicationId,
        ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
        ["Fetch:AllowedHosts"] = "127.0.0.1",
    };

    /// <summary>POST /api/interactions with the given headers (signed or not).</summary>
    public Task<ContentResult> InteractionsAsync(DurableTaskClient client, string json, string? signature, string? timestamp)
    {
        HttpRequest request = Request("POST", json);
        if (signature is not null)
        {
            request.Headers["X-Signature-Ed25519"] = signature;
        }

        if (timestamp is not null)
        {
            request.Headers["X-Signature-Timestamp"] = timestamp;
        }

        return Content(Function<InteractionsFunction>().RunAsync(request, client));
    }

    /// <summary>POST /api/interactions signed by <paramref name="signer"/> now.</summary>
    public Task<ContentResult> SignedInteractionAsync(DurableTaskClient client, TestSigner signer, string json)
    {
        string timestamp = TestSigner.Timestamp(DateTimeOffset.UtcNow);
        return InteractionsAsync(client, json, signer.Sign(timestamp, Encoding.UTF8.GetBytes(json)), timestamp);
    }

    /// <summary>GET /api/runs/{id}.</summary>
    public Task<ContentResult> RunStatusAsync(DurableTaskClient client, string instanceId) =>
        Content(Function<RunStatusFunction>().RunAsync(Request("GET", null), instanceId, client));

    /// <summary>GET /api/health.</summary>
    public Task<IActionResult> HealthAsync() => Function<HealthFunction>().RunAsync(Request("GET", null));

    /// <summary>The hourly timer that keeps the weekly report's schedule running.</summary>
    public Task WeeklyReportScheduleAsync(DurableTaskClient client) =>
        Function<WeeklyReportSchedule>().RunAsync(new TimerInfo(), client, CancellationToken.None);

    /// <summary>The hourly timer that keeps memory upkeep's schedule running.</summary>
    public Task MemoryUpkeepScheduleAsync(DurableTaskClient client) =>
        Function<MemoryUpkeepSchedule>().RunAsync(new TimerInfo(), client, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _data.Dispose();
    }

    private T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    private static async Task<ContentResult> Content(Task<IActionResult> result) => (ContentResult)await result;

    private static HttpRequest Request(string method, string? body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (body is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        return context.Request;
    }
}
