using System.Text;
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
    public async Task PrepareAsync_WithBotToken_CreatesWebhookEditsReplyAndPostsProgress()
    {
        DeliveryHandle handle = await Delivery.PrepareAsync(RunId, Target);

        Server.OriginalResponses[LiveToken].Should().Contain(DiscordRunDelivery.StartedText).And.Contain(RunId);
        Server.Messages.Should().ContainSingle(m => m.Id == handle.ProgressMessageId && m.WebhookId == handle.WebhookId);
        Server.Requests.Should().Contain(r => r.Method == "POST" && r.Path.EndsWith("/webhooks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrepareAsync_Retried_EditsReplyOnceAndReusesEverything()
    {
        DeliveryHandle first = await Delivery.PrepareAsync(RunId, Target);

        DeliveryHandle second = await Delivery.PrepareAsync(RunId, Target);

        second.Should().Be(first);
        Server.Messages.Should().ContainSingle();
        Server.Requests.Count(r => r.Path.EndsWith("@original", StringComparison.Ordinal)).Should().Be(1);
        Server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/webhooks", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task PrepareAsync_SecondRunInSameChannel_ReusesRememberedWebhook()
    {
        DeliveryHandle first = await Delivery.PrepareAsync(RunId, Target);

        DeliveryHandle second = await Delivery.PrepareAsync("discord-other", Target with { InteractionToken = "interaction-other" });

        second.WebhookId.Should().Be(first.WebhookId);
        Server.Requests.Count(r => r.Path.EndsWith("/webhooks", StringComparison.Ordinal)).Should().Be(2, "one GET and one POST for the first run only");
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
    public async Task PrepareAsync_MissingManageWebhooks_ReportsTheFixAndFailsPermanently()
    {
        Server.DenyManageWebhooks(Payloads.ChannelId);

        Func<Task> act = () => Delivery.PrepareAsync(RunId, Target);

        (await act.Should().ThrowAsync<PermanentFailureException>()).Which.Message.Should().Contain("Manage Webhooks");
        Server.OriginalResponses[LiveToken].Should().Contain("Manage Webhooks");
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
        Server.Requests.Count(r => r.Method == "POST" && r.Path.StartsWith("/webhooks/", StringComparison.Ordinal) && r.Status == 200)
            .Should().Be(1 + receipt.MessageIds.Count);
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

        Server.Requests.Where(r => r.Json is not null && r.Path.StartsWith("/webhooks/", StringComparison.Ordinal)).Should().NotBeEmpty()
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

    private static RunProgress Progress(string stage, int number) => new(stage, number, 9, string.Empty, DateTime.UtcNow, []);

    private int ProgressEdits() => Server.Requests.Count(r => r.Method == "PATCH" && !r.Path.EndsWith("@original", StringComparison.Ordinal));

    private Task<ArtifactRef> ReportAsync() => _host.Store.PutAsync($"runs/{RunId}/briefing.md", Encoding.UTF8.GetBytes("# Full report\n"), "text/markdown");
}
