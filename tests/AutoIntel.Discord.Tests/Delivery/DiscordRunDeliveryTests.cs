using System.Text;
using System.Text.Json.Nodes;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Rest;
using AutoIntel.Discord.Tests.Support;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;

namespace AutoIntel.Discord.Tests.Delivery;

public sealed class DiscordRunDeliveryTests : IAsyncLifetime
{
    private const string RunId = "discord-5000000000000000010";
    private const string LiveToken = "interaction-live";
    private static readonly DeliveryTarget Target = new(Payloads.ApplicationId, LiveToken, Payloads.ChannelId, Payloads.GuildId);
    private DiscordTestHost _host = null!;

    private FakeDiscordServer Server => _host.Server;

    private IRunDelivery Delivery => _host.Get<IRunDelivery>();

    public async Task InitializeAsync()
    {
        _host = await DiscordTestHost.StartAsync();
        Server.AddInteraction(Payloads.ApplicationId, LiveToken);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PrepareAsync_WithBotToken_EditsReplyAndPostsProgressAsTheBotWithNonce()
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);

        Server.OriginalResponses[LiveToken].Should().Contain(DiscordRunDelivery.StartedText).And.Contain(RunId);
        handle.WebhookId.Should().BeNull();
        FakeDiscordMessage progress = Server.Messages.Should().ContainSingle(m => m.Id == handle.ProgressMessageId).Which;
        progress.AuthorId.Should().Be(Server.BotUserId);
        Content(progress).Should().EndWith("\n" + new MessageKey(RunId, "progress", 0).Marker);
        JsonNode sent = JsonNode.Parse(Server.Requests.Single(r => r.Method == "POST").Json!)!;
        sent["nonce"]!.GetValue<string>().Should().Be(new MessageKey(RunId, "progress", 0).Nonce).And.HaveLength(25);
        sent["enforce_nonce"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task PrepareAsync_Retried_EditsReplyOnceAndReusesEverything()
    {
        DeliveryHandle first = await Delivery.PrepareAsync(RunId, Target);

        DeliveryHandle second = await Delivery.PrepareAsync(RunId, Target);

        second.Should().Be(first);
        Server.Messages.Should().ContainSingle();
        Server.Requests.Count(r => r.Path.EndsWith("@original", StringComparison.Ordinal)).Should().Be(1);
        Server.Requests.Count(r => r.Method == "POST").Should().Be(1);
    }

    [Fact]
    public async Task PrepareAndDeliver_InteractionTokenExpired_StillDeliversThroughWebhook()
    {
        Server.ExpireInteraction(LiveToken);

        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);
        DeliveryReceipt receipt = await Delivery.DeliverAsync(handle, Briefings.Small(RunId), await ReportAsync());

        Server.Requests.Should().Contain(r => r.Path.EndsWith("@original", StringComparison.Ordinal) && r.Status == 401);
        receipt.MessageIds.Should().NotBeEmpty();
        Server.Messages.Select(m => m.Id).Should().Contain(receipt.MessageIds);
    }

    [Fact]
    public async Task PrepareAsync_NoBotTokenAndNoDefaultWebhook_ReportsTheFixAndFailsPermanently()
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync(s => s["Discord:BotToken"] = null);
        host.Server.AddInteraction(Payloads.ApplicationId, LiveToken);

        Func<Task> act = () => host.Get<IRunDelivery>().PrepareAsync(RunId, Target);

        (await act.Should().ThrowAsync<PermanentFailureException>()).Which.Message.Should().Contain("Discord__BotToken").And.Contain("Discord__DefaultWebhookUrl");
        host.Server.OriginalResponses[LiveToken].Should().Contain("Discord__BotToken");
        host.Server.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task PrepareAsync_MissingSendMessages_ReportsTheFixAndFailsPermanently()
    {
        Server.DenySendMessages(Payloads.ChannelId);

        Func<Task> act = () => Delivery.PrepareAsync(RunId, Target);

        (await act.Should().ThrowAsync<PermanentFailureException>()).Which.Message.Should().Contain("Send Messages").And.Contain("Read Message History");
        Server.OriginalResponses[LiveToken].Should().Contain("Send Messages");
    }

    [Fact]
    public async Task PrepareAsync_DefaultWebhookWithoutBotToken_PostsThroughIt()
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync(s => s["Discord:BotToken"] = null);
        string id = host.Server.AddWebhook(Payloads.ChannelId, "Preset", "preset-token");
        host.Server.AddInteraction(Payloads.ApplicationId, LiveToken);
        await using DiscordTestHost configured = await DiscordTestHost.StartAsync(s =>
        {
            s["Discord:BotToken"] = null;
            s["Discord:ApiBaseUrl"] = host.Server.ApiBaseUrl;
            s["Discord:DefaultWebhookUrl"] = $"https://discord.com/api/webhooks/{id}/preset-token";
        });

        DeliveryHandle handle = await configured.Get<IRunDelivery>().PrepareAsync(RunId, Target);

        handle.WebhookId.Should().Be(id);
        host.Server.Messages.Should().ContainSingle(m => m.WebhookId == id);
        host.Server.OriginalResponses[LiveToken].Should().Contain(DiscordRunDelivery.StartedElsewhereText);
    }

    [Fact]
    public async Task DeliverAsync_OversizedBriefing_SplitsAcrossMessagesAndAttachesReport()
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);
        Briefing briefing = Briefings.Oversized(RunId);

        DeliveryReceipt receipt = await Delivery.DeliverAsync(handle, briefing, await ReportAsync());

        receipt.MessageIds.Count.Should().BeGreaterThan(1);
        Server.Requests.Should().NotContain(r => r.Status == 400);
        FakeDiscordMessage last = Server.Messages.Single(m => m.Id == receipt.MessageIds[^1]);
        last.Files.Should().ContainSingle(f => f.FileName == $"autointel-{RunId}.md" && Encoding.UTF8.GetString(f.Content) == "# Full report\n");
        Server.Messages.Single(m => m.Id == handle.ProgressMessageId).Payload["content"]!.GetValue<string>().Should().Contain("finished");
    }

    [Fact]
    public async Task DeliverAsync_RetriedAfterOutageMidway_PostsEachMessageExactlyOnce()
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);
        Briefing briefing = Briefings.Oversized(RunId);
        ArtifactRef report = await ReportAsync();
        Server.RejectPostsAfter = 2;

        Func<Task> firstAttempt = () => Delivery.DeliverAsync(handle, briefing, report);
        await firstAttempt.Should().ThrowAsync<DiscordApiException>();
        Server.RejectPostsAfter = null;
        DeliveryReceipt receipt = await Delivery.DeliverAsync(handle, briefing, report);
        DeliveryReceipt again = await Delivery.DeliverAsync(handle, briefing, report);

        again.MessageIds.Should().Equal(receipt.MessageIds);
        Server.Messages.Should().HaveCount(1 + receipt.MessageIds.Count);
        Server.Requests.Count(r => r.Method == "POST" && r.Status == 200).Should().Be(1 + receipt.MessageIds.Count);
    }

    [Fact]
    public async Task ReportProgressAsync_UpdatesFasterThanInterval_EditsAtBoundedRate()
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);
        _host.Time.Advance(TimeSpan.FromMinutes(1));

        await Delivery.ReportProgressAsync(handle, Progress("acquire", 1));
        await Delivery.ReportProgressAsync(handle, Progress("transcribe", 2));
        int editsBurst = ProgressEdits();
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        await Delivery.ReportProgressAsync(handle, Progress("segment", 3));

        editsBurst.Should().Be(1);
        ProgressEdits().Should().Be(2);
        Server.Messages.Single().Payload["content"]!.GetValue<string>().Should().Contain("segment");
    }

    [Fact]
    public async Task DeliveryMessages_ContentWithMentions_NeverPing()
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);
        _host.Time.Advance(TimeSpan.FromMinutes(1));

        await Delivery.ReportProgressAsync(handle, Progress("analyse", 4) with { Detail = "@everyone <@123> <@&456>" });
        await Delivery.DeliverAsync(handle, Briefings.Make(RunId, "@everyone", "@here <@1>", 1, 20), await ReportAsync());
        await Delivery.ReportFailureAsync(handle, "@everyone failed");

        Server.Requests.Where(r => r.Json is not null && r.Method is "POST" or "PATCH").Should().NotBeEmpty()
            .And.OnlyContain(r => r.Json!.Contains("\"allowed_mentions\":{\"parse\":[]}", StringComparison.Ordinal));
        Server.Pings.Should().BeEmpty();
    }

    [Fact]
    public async Task ReportFailureAsync_EditsProgressWithTheReason()
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);

        await Delivery.ReportFailureAsync(handle, "the link returned 404");

        Server.Messages.Single().Payload["content"]!.GetValue<string>().Should().Contain("failed: the link returned 404");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(45)]
    public async Task PrepareAsync_StartedMessageAcceptedButAnswerLost_PostedExactlyOnce(int minutesUntilRetry)
    {
        Server.LoseResponse(ChannelMessages);

        Func<Task> firstAttempt = () => Delivery.PrepareAsync(RunId, Target);
        await firstAttempt.Should().ThrowAsync<HttpRequestException>();
        _host.Time.Advance(TimeSpan.FromMinutes(minutesUntilRetry));
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);

        FakeDiscordMessage started = Server.Messages.Should().ContainSingle().Which;
        started.Id.Should().Be(handle.ProgressMessageId);
        Content(started).Should().Contain("started");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(2, 45)]
    public async Task DeliverAsync_BriefingPartAcceptedButAnswerLost_EachPartPostedExactlyOnce(int lostPart, int minutesUntilRetry)
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);
        Briefing briefing = Briefings.Oversized(RunId);
        ArtifactRef report = await ReportAsync();
        Server.LoseResponse(ChannelMessages, skip: lostPart);

        Func<Task> firstAttempt = () => Delivery.DeliverAsync(handle, briefing, report);
        await firstAttempt.Should().ThrowAsync<HttpRequestException>();
        _host.Time.Advance(TimeSpan.FromMinutes(minutesUntilRetry));
        DeliveryReceipt receipt = await Delivery.DeliverAsync(handle, briefing, report);

        receipt.MessageIds.Should().OnlyHaveUniqueItems().And.HaveCountGreaterThan(lostPart + 1);
        Server.Messages.Should().HaveCount(1 + receipt.MessageIds.Count);
        Server.Messages.Select(m => m.Id).Should().Contain(receipt.MessageIds);
        for (int part = 0; part < receipt.MessageIds.Count; part++)
        {
            var key = new MessageKey(RunId, "briefing", part);
            Server.Messages.Should().ContainSingle(m => key.IsMarkerOf(Content(m)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(45)]
    public async Task ReportFailureAsync_NoticeAcceptedButAnswerLost_PostedExactlyOnce(int minutesUntilRetry)
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target) with { ProgressMessageId = null };
        Server.LoseResponse(ChannelMessages);

        Func<Task> firstAttempt = () => Delivery.ReportFailureAsync(handle, "the link returned 404");
        await firstAttempt.Should().ThrowAsync<HttpRequestException>();
        _host.Time.Advance(TimeSpan.FromMinutes(minutesUntilRetry));
        await Delivery.ReportFailureAsync(handle, "the link returned 404");

        Server.Messages.Should().ContainSingle(m => Content(m).Contains("failed: the link returned 404", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrepareAsync_RetryAfterFailedAttempt_IgnoresTheMarkerInSomeoneElsesMessage()
    {
        Server.FailNext(DiscordServerErrorRetry.MaxRetries + 1, 503, match: ChannelMessages.TrimStart('/'));
        Func<Task> firstAttempt = () => Delivery.PrepareAsync(RunId, Target);
        await firstAttempt.Should().ThrowAsync<DiscordApiException>();
        Server.AddUserMessage(Payloads.ChannelId, "4200000000000000042", "look\n" + new MessageKey(RunId, "progress", 0).Marker);

        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);

        Server.Messages.Should().ContainSingle(m => m.AuthorId == Server.BotUserId).Which.Id.Should().Be(handle.ProgressMessageId);
    }

    [Fact]
    public async Task DeliverAsync_Embeds_CarryOnlyDiscordsDocumentedFields()
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);

        await Delivery.DeliverAsync(handle, Briefings.Oversized(RunId), await ReportAsync());

        JsonObject[] embeds = [.. Server.Requests.Where(r => r.Json is not null).SelectMany(r => JsonNode.Parse(r.Json!)!["embeds"]?.AsArray() ?? []).Select(e => e!.AsObject())];
        embeds.Should().NotBeEmpty();
        embeds.SelectMany(e => e.Select(p => p.Key)).Should().BeSubsetOf(EmbedFields);
        embeds.SelectMany(e => e["fields"]?.AsArray() ?? []).SelectMany(f => f!.AsObject().Select(p => p.Key)).Should().BeSubsetOf(["name", "value", "inline"]);
        embeds.Where(e => e["footer"] is not null).SelectMany(e => e["footer"]!.AsObject().Select(p => p.Key)).Should().BeSubsetOf(["text", "icon_url"]);
    }

    private static readonly string[] EmbedFields = ["title", "type", "description", "url", "timestamp", "color", "footer", "image", "thumbnail", "video", "provider", "author", "fields"];

    private static string ChannelMessages => $"/channels/{Payloads.ChannelId}/messages";

    private static string Content(FakeDiscordMessage message) => message.Payload["content"]?.GetValue<string>() ?? string.Empty;

    private static RunProgress Progress(string stage, int number) => new(stage, number, 9, string.Empty, DateTime.UtcNow, []);

    private int ProgressEdits() => Server.Requests.Count(r => r.Method == "PATCH" && !r.Path.EndsWith("@original", StringComparison.Ordinal));

    private Task<ArtifactRef> ReportAsync() => _host.Store.PutAsync($"runs/{RunId}/briefing.md", Encoding.UTF8.GetBytes("# Full report\n"), "text/markdown");
}
