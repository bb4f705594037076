using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AutoIntel.Discord.Rest;
using AutoIntel.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Discord.Tests.Rest;

/// <summary>Rate-limit state under concurrency, on a clock that only moves when the test says so.</summary>
public sealed class DiscordRateLimitOrderingTests
{
    private static readonly Uri WebhookUri = new("https://discord.com/api/v10/webhooks/1/tok");
    private static readonly DiscordRoute WebhookRoute = DiscordRoute.From(HttpMethod.Post, WebhookUri);
    private static readonly DiscordRoute ChannelRoute = DiscordRoute.From(HttpMethod.Get, new Uri("https://discord.com/api/v10/channels/2/messages"));

    private readonly SignalingTimeProvider _time = new();

    [Fact]
    public void Update_OlderSlowerResponseAfterA429_KeepsTheBlock()
    {
        var limiter = new DiscordRateLimiter(_time);
        DateTimeOffset olderRequestSent = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMilliseconds(200));
        limiter.OnRateLimited(WebhookRoute, global: false, TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromMilliseconds(800));

        limiter.Update(WebhookRoute, Headers(remaining: 4, resetAfter: 0.1), olderRequestSent);

        limiter.Reserve(WebhookRoute).Should().Be(TimeSpan.FromMilliseconds(9200));
    }

    [Fact]
    public void Update_OlderResponseArrivingAfterANewerOne_IsIgnored()
    {
        var limiter = new DiscordRateLimiter(_time);
        DateTimeOffset olderSent = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMilliseconds(100));
        limiter.Update(WebhookRoute, Headers(remaining: 0, resetAfter: 2), _time.GetUtcNow());

        limiter.Update(WebhookRoute, Headers(remaining: 5, resetAfter: 2), olderSent);

        limiter.Reserve(WebhookRoute).Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Send_GlobalLimitSetWhileWaitingForTheRoute_WaitsForItBeforeSending()
    {
        var limiter = new DiscordRateLimiter(_time);
        limiter.Update(WebhookRoute, Headers(remaining: 0, resetAfter: 1), _time.GetUtcNow());
        var discord = new CountingHandler();
        using var client = new HttpMessageInvoker(new DiscordRateLimitHandler(limiter, _time, NullLogger<DiscordRateLimitHandler>.Instance) { InnerHandler = discord });

        Task<HttpResponseMessage> sending = client.SendAsync(new HttpRequestMessage(HttpMethod.Post, WebhookUri), CancellationToken.None);
        await _time.NextTimerAsync();
        limiter.OnRateLimited(ChannelRoute, global: true, TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAny(_time.NextTimerAsync(), discord.FirstSend);
        int sentAfterRouteWait = discord.Sent;
        _time.Advance(TimeSpan.FromSeconds(4));
        using HttpResponseMessage response = await sending;

        sentAfterRouteWait.Should().Be(0, "the global block set during the route's wait still applies");
        discord.Sent.Should().Be(1);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static HttpResponseHeaders Headers(int remaining, double resetAfter)
    {
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-RateLimit-Bucket", "webhook-bucket");
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter.ToString(CultureInfo.InvariantCulture));
        return response.Headers;
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        private readonly TaskCompletionSource _firstSend = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        /// <summary>Completes when the first request reaches "Discord".</summary>
        public Task FirstSend => _firstSend.Task;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sent);
            _firstSend.TrySetResult();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
