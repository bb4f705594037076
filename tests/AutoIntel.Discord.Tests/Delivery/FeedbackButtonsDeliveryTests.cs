using System.Text;
using System.Text.Json.Nodes;
using AutoIntel.Core;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Tests.Support;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel.Delivery;

namespace AutoIntel.Discord.Tests.Delivery;

/// <summary>The feedback buttons on a delivered briefing, checked by the fake Discord server's component limits.</summary>
public sealed class FeedbackButtonsDeliveryTests
{
    private const string RunId = "discord-5000000000000000010";
    private const string LiveToken = "interaction-live";
    private static readonly DeliveryTarget Target = new(Payloads.ApplicationId, LiveToken, Payloads.ChannelId, Payloads.GuildId);

    [Fact]
    public async Task DeliverAsync_AsTheBot_LastMessageCarriesFeedbackButtons()
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync();

        DeliveryReceipt receipt = await DeliverAsBotAsync(host, Briefings.Oversized(RunId));

        host.Server.Requests.Should().NotContain(r => r.Status == 400);
        FakeDiscordMessage last = host.Server.Messages.Single(m => m.Id == receipt.MessageIds[^1]);
        JsonArray buttons = last.Payload["components"]!.AsArray().Single()!["components"]!.AsArray();
        buttons.Select(b => b!["custom_id"]!.GetValue<string>()).Should().Equal(
            $"autointel:fb:up:{RunId}", $"autointel:fb:down:{RunId}", $"autointel:fb:claims:{RunId}");
        host.Server.Messages.Where(m => m.Id != last.Id).Should().OnlyContain(m => m.Payload["components"] == null);
    }

    [Fact]
    public async Task DeliverAsync_NoClaims_OffersOnlyTheVote()
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync();

        DeliveryReceipt receipt = await DeliverAsBotAsync(host, Briefings.Make(RunId, "Talk", "Short.", claims: 0, claimLength: 10));

        JsonArray buttons = host.Server.Messages.Single(m => m.Id == receipt.MessageIds[^1]).Payload["components"]!.AsArray().Single()!["components"]!.AsArray();
        buttons.Should().HaveCount(2);
    }

    [Fact]
    public async Task DeliverAsync_ThroughAPastedWebhook_PostsNoButtons()
    {
        await using DiscordTestHost server = await DiscordTestHost.StartAsync(s => s["Discord:BotToken"] = null);
        string id = server.Server.AddWebhook(Payloads.ChannelId, "Preset", "preset-token");
        server.Server.AddInteraction(Payloads.ApplicationId, LiveToken);
        await using DiscordTestHost host = await DiscordTestHost.StartAsync(s =>
        {
            s["Discord:BotToken"] = null;
            s["Discord:ApiBaseUrl"] = server.Server.ApiBaseUrl;
            s["Discord:DefaultWebhookUrl"] = $"https://discord.com/api/webhooks/{id}/preset-token";
        });
        IRunDelivery delivery = host.Get<IRunDelivery>();
        DeliveryHandle handle = await delivery.PrepareAsync(RunId, Target);

        await delivery.DeliverAsync(handle, Briefings.Small(RunId), await ReportAsync(host));

        server.Server.Requests.Should().NotContain(r => r.Status == 400, "Discord refuses buttons on webhooks the application does not own");
        server.Server.Messages.Should().OnlyContain(m => m.Payload["components"] == null);
    }

    [Fact]
    public void ClaimSelect_LongClaims_FitDiscordLimits()
    {
        var select = FeedbackComponents.ClaimSelect(Briefings.Oversized(RunId))!.Components!.Single();

        select.Options.Should().HaveCount(25);
        select.Options!.Should().OnlyContain(o => o.Label.Length <= 100 && o.Value.Length <= 100 && o.Description!.Length <= 100);
        FeedbackComponents.TryParse(select.CustomId, out string? action, out string? runId).Should().BeTrue();
        (action, runId).Should().Be((FeedbackComponents.WrongClaims, RunId));
    }

    private static async Task<DeliveryReceipt> DeliverAsBotAsync(DiscordTestHost host, Core.Briefings.Briefing briefing)
    {
        host.Server.AddInteraction(Payloads.ApplicationId, LiveToken);
        IRunDelivery delivery = host.Get<IRunDelivery>();
        DeliveryHandle handle = await delivery.PrepareAsync(RunId, Target);
        return await delivery.DeliverAsync(handle, briefing, await ReportAsync(host));
    }

    private static Task<ArtifactRef> ReportAsync(DiscordTestHost host) =>
        host.Store.PutAsync($"runs/{RunId}/briefing.md", Encoding.UTF8.GetBytes("# Full report\n"), "text/markdown");
}
