using AutoIntel.Core.Runs;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;

namespace AutoIntel.Workflows.Tests.AutoIntel.Delivery;

public sealed class DeliveryTargetTests
{
    private static readonly DeliveryTarget Target = new("11", "interaction-secret", "33", "22", "https://discord.com/api/webhooks/1/webhook-secret");

    [Fact]
    public void ToString_LeavesOutTokens_KeepsIds()
    {
        string text = Target.ToString();

        text.Should().NotContain("interaction-secret").And.NotContain("webhook-secret");
        text.Should().Contain("ApplicationId = 11").And.Contain("ChannelId = 33").And.Contain("GuildId = 22").And.Contain("InteractionToken = ***");
    }

    [Fact]
    public void ToString_OfAnalyzeRequestCarryingIt_LeavesOutTokens()
    {
        var request = new AnalyzeRequest("https://example.com/a", Depth.Quick, "22", Target, "44");

        string text = request.ToString();

        text.Should().Contain("https://example.com/a").And.NotContain("interaction-secret").And.NotContain("webhook-secret");
    }

    [Fact]
    public void Equality_StillComparesTheToken()
    {
        (Target with { InteractionToken = "other" }).Should().NotBe(Target);
    }
}
