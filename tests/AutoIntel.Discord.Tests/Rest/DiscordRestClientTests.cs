using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Rest;
using AutoIntel.Discord.Tests.Support;

namespace AutoIntel.Discord.Tests.Rest;

public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private DiscordTestHost _host = null!;
    private WebhookCredentials _webhook = null!;

    private DiscordRestClient Client => _host.Get<DiscordRestClient>();

    public async Task InitializeAsync()
    {
        _host = await DiscordTestHost.StartAsync();
        _webhook = new WebhookCredentials(_host.Server.AddWebhook(Payloads.ChannelId, "AutoIntel", "secret-webhook-token"), "secret-webhook-token");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ExecuteWebhook_RateLimitedWithRetryAfter_WaitsThenSucceeds()
    {
        _host.Server.RateLimitNext("webhooks", retryAfterSeconds: 1.5);

        DiscordMessage message = await Client.ExecuteWebhookAsync(_webhook, new MessagePayload("hello"));

        message.Id.Should().NotBeNullOrEmpty();
        _host.Server.Requests.Select(r => r.Status).Should().Equal(429, 200);
        _host.Server.RateLimitViolations.Should().Be(0);
        _host.Time.Waits.Should().Contain(w => w >= TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task ExecuteWebhook_GlobalRateLimit_WaitsThenSucceeds()
    {
        _host.Server.RateLimitNext("webhooks", retryAfterSeconds: 3, global: true);

        await Client.ExecuteWebhookAsync(_webhook, new MessagePayload("hello"));
        await Client.GetCurrentUserAsync();

        _host.Server.Requests.Count(r => r.Status == 429).Should().Be(1);
        _host.Server.RateLimitViolations.Should().Be(0);
        _host.Time.Waits.Should().Contain(w => w >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Limiter_AfterGlobal429_HoldsBackOtherRoutes()
    {
        var limiter = new DiscordRateLimiter(_host.Time);
        var webhookRoute = DiscordRoute.From(HttpMethod.Post, new Uri("https://discord.com/api/v10/webhooks/1/tok"));
        var channelRoute = DiscordRoute.From(HttpMethod.Get, new Uri("https://discord.com/api/v10/channels/2/webhooks"));

        limiter.OnRateLimited(webhookRoute, global: true, TimeSpan.FromSeconds(4));

        limiter.Reserve(channelRoute).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task ExecuteWebhook_BucketExhausted_WaitsForResetInsteadOfHitting429()
    {
        _host.Server.BucketLimit = 2;

        for (int i = 0; i < 5; i++)
        {
            await Client.ExecuteWebhookAsync(_webhook, new MessagePayload($"message {i}"));
        }

        _host.Server.Messages.Should().HaveCount(5);
        _host.Server.Requests.Should().NotContain(r => r.Status == 429);
        _host.Time.Waits.Should().NotBeEmpty();
    }

    [Fact]
    public async Task ExecuteWebhook_TransientServerErrors_RetriedWithBackoff()
    {
        _host.Server.FailNext(2, 502);

        await Client.ExecuteWebhookAsync(_webhook, new MessagePayload("hello"));

        _host.Server.Requests.Select(r => r.Status).Should().Equal(502, 502, 200);
        _host.Time.Waits.Should().HaveCount(2);
    }

    [Fact]
    public async Task ExecuteWebhook_PersistentServerErrors_ThrowsAfterBoundedRetries()
    {
        _host.Server.FailNext(100, 503);

        Func<Task> act = () => Client.ExecuteWebhookAsync(_webhook, new MessagePayload("hello"));

        (await act.Should().ThrowAsync<DiscordApiException>()).Which.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        _host.Server.Requests.Should().HaveCount(DiscordServerErrorRetry.MaxRetries + 1);
    }

    [Fact]
    public async Task ExecuteWebhook_TooManyEmbeds_ThrowsWithDiscordsCodeAndMessage()
    {
        Embed[] embeds = [.. Enumerable.Range(0, 11).Select(i => new Embed($"e{i}"))];

        Func<Task> act = () => Client.ExecuteWebhookAsync(_webhook, new MessagePayload(Embeds: embeds));

        DiscordApiException error = (await act.Should().ThrowAsync<DiscordApiException>()).Which;
        error.Code.Should().Be(50035);
        error.DiscordMessage.Should().Be("Invalid Form Body");
        error.Errors.Should().Contain("embeds");
    }

    [Fact]
    public async Task ExecuteWebhook_WrongToken_ThrowsInvalidWebhookTokenWithoutLeakingIt()
    {
        var wrong = new WebhookCredentials(_webhook.Id, "leaky-token-value");

        Func<Task> act = () => Client.ExecuteWebhookAsync(wrong, new MessagePayload("x"));

        DiscordApiException error = (await act.Should().ThrowAsync<DiscordApiException>()).Which;
        error.Code.Should().Be(DiscordErrorCodes.InvalidWebhookToken);
        error.Message.Should().NotContain("leaky-token-value");
        _host.Logs.Lines.Should().NotContain(l => l.Contains("leaky-token-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteWebhook_WithFile_SendsMultipartPayloadJsonAndFiles()
    {
        byte[] report = Encoding.UTF8.GetBytes("# Report\n");

        await Client.ExecuteWebhookAsync(_webhook, new MessagePayload("see attached"), [new FileUpload("report.md", report, "text/markdown")]);

        var request = _host.Server.Requests.Single();
        request.Files.Should().ContainSingle(f => f.FormName == "files[0]" && f.FileName == "report.md" && f.Content.SequenceEqual(report));
        JsonNode payload = JsonNode.Parse(request.Json!)!;
        payload["attachments"]![0]!["filename"]!.GetValue<string>().Should().Be("report.md");
        payload["content"]!.GetValue<string>().Should().Be("see attached");
    }

    [Fact]
    public async Task ExecuteWebhook_ContentWithMentions_NeverPings()
    {
        await Client.ExecuteWebhookAsync(_webhook, new MessagePayload("@everyone look <@123> <@&456>", AllowedMentions: new AllowedMentions(["everyone", "users", "roles"])));

        _host.Server.Pings.Should().BeEmpty();
        JsonNode.Parse(_host.Server.Requests.Single().Json!)!["allowed_mentions"]!["parse"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task CreateMessage_SameNonceWithinFewMinutes_ReturnsTheFirstMessage()
    {
        DiscordMessage first = await Client.CreateMessageAsync(Payloads.ChannelId, new MessagePayload("once"), nonce: "run-1-progress-0");

        DiscordMessage again = await Client.CreateMessageAsync(Payloads.ChannelId, new MessagePayload("once"), nonce: "run-1-progress-0");

        again.Id.Should().Be(first.Id);
        _host.Server.Messages.Where(m => m.WebhookId is null).Should().ContainSingle();
        JsonNode.Parse(_host.Server.Requests[^1].Json!)!["enforce_nonce"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task CreateMessage_SameNonceAfterTheWindow_PostsAgain()
    {
        await Client.CreateMessageAsync(Payloads.ChannelId, new MessagePayload("once"), nonce: "run-1-progress-0");
        _host.Time.Advance(_host.Server.NonceWindow + TimeSpan.FromSeconds(1));

        await Client.CreateMessageAsync(Payloads.ChannelId, new MessagePayload("once"), nonce: "run-1-progress-0");

        _host.Server.Messages.Where(m => m.WebhookId is null).Should().HaveCount(2, "Discord dedupes a nonce for a few minutes only");
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901234567890123456")]
    public async Task CreateMessage_NonceOutsideDiscordsLength_ThrowsBeforeSending(string nonce)
    {
        Func<Task> act = () => Client.CreateMessageAsync(Payloads.ChannelId, new MessagePayload("x"), nonce: nonce);

        await act.Should().ThrowAsync<ArgumentException>();
        _host.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task GetChannelMessages_After_ReturnsOnlyLaterMessagesNewestFirst()
    {
        DiscordMessage older = await Client.CreateMessageAsync(Payloads.ChannelId, new MessagePayload("older"));
        DiscordMessage newer = await Client.CreateMessageAsync(Payloads.ChannelId, new MessagePayload("newer"));
        DiscordMessage newest = await Client.CreateMessageAsync(Payloads.ChannelId, new MessagePayload("newest"));

        IReadOnlyList<DiscordMessage> page = await Client.GetChannelMessagesAsync(Payloads.ChannelId, older.Id, limit: 100);
        DiscordUser me = await Client.GetCurrentUserAsync();

        page.Select(m => m.Id).Should().Equal(newest.Id, newer.Id);
        page.Should().OnlyContain(m => m.Author!.Id == me.Id);
    }

    [Fact]
    public async Task EditAndDeleteWebhookMessage_ChangeThenRemoveTheMessage()
    {
        DiscordMessage posted = await Client.ExecuteWebhookAsync(_webhook, new MessagePayload("v1"));

        await Client.EditWebhookMessageAsync(_webhook, posted.Id, new MessagePayload("v2"));
        string edited = _host.Server.Messages.Single().Payload["content"]!.GetValue<string>();
        await Client.DeleteWebhookMessageAsync(_webhook, posted.Id);

        edited.Should().Be("v2");
        _host.Server.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task EditOriginalInteractionResponse_ExpiredToken_Throws50027()
    {
        Func<Task> act = () => Client.EditOriginalInteractionResponseAsync(Payloads.ApplicationId, "interaction-expired", new MessagePayload("x"));

        (await act.Should().ThrowAsync<DiscordApiException>()).Which.IsInvalidToken.Should().BeTrue();
    }
}
