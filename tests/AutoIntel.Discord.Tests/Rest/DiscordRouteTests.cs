using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Rest;

namespace AutoIntel.Discord.Tests.Rest;

public sealed class DiscordRouteTests
{
    [Fact]
    public void From_WebhookMessageRoute_MasksTokenAndGeneralisesMessageId()
    {
        var route = DiscordRoute.From(HttpMethod.Patch, new Uri("https://discord.com/api/v10/webhooks/123/secret-token/messages/456"));

        route.SafePath.Should().Be("/webhooks/123/***/messages/456");
        route.Key.Should().Be("PATCH /webhooks/:major/:token/messages/:id");
        route.Major.Should().Be("webhooks/123/secret-token");
    }

    [Fact]
    public void From_SameRouteOtherChannel_SharesKeyButNotMajor()
    {
        var a = DiscordRoute.From(HttpMethod.Get, new Uri("https://discord.com/api/v10/channels/1/webhooks"));
        var b = DiscordRoute.From(HttpMethod.Get, new Uri("https://discord.com/api/v10/channels/2/webhooks"));

        a.Key.Should().Be(b.Key);
        a.Major.Should().NotBe(b.Major);
    }

    [Fact]
    public void WebhookCredentials_ParseUrl_TakesIdAndToken()
    {
        WebhookCredentials.TryParse("https://discord.com/api/webhooks/123/abc-DEF_9", out WebhookCredentials? parsed).Should().BeTrue();

        parsed.Should().Be(new WebhookCredentials("123", "abc-DEF_9"));
        parsed!.ToString().Should().NotContain("abc-DEF_9");
    }

    [Fact]
    public void InteractionHeaders_From_IgnoresHeaderNameCase()
    {
        var headers = InteractionHeaders.From([new("x-signature-ed25519", "aa"), new("X-SIGNATURE-TIMESTAMP", "1"), new("Other", "x")]);

        headers.Should().Be(new InteractionHeaders("aa", "1"));
    }
}
