using AutoIntel.Discord.Commands;
using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Tests.Support;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel.Delivery;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord.Tests;

public sealed class DiscordServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddAutoIntelDiscord_ValidConfiguration_ResolvesEveryEntryPoint()
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync(s => s["Discord:PublicKey"] = new TestSigner().PublicKeyHex);

        host.Get<InteractionHandler>().Should().NotBeNull();
        host.Get<CommandRegistrar>().Should().NotBeNull();
        host.Get<IRunDelivery>().Should().BeOfType<AutoIntel.Discord.Delivery.DiscordRunDelivery>();
        host.Get<Ed25519Verifier>().IsConfigured.Should().BeTrue();
    }

    [Theory]
    [InlineData("Discord:PublicKey", "not-hex")]
    [InlineData("Discord:PublicKey", "abcd")]
    [InlineData("Discord:ApplicationId", "my-app")]
    [InlineData("Discord:ApiBaseUrl", "ftp://discord.com")]
    [InlineData("Discord:DefaultWebhookUrl", "https://discord.com/api/channels/1")]
    public async Task AddAutoIntelDiscord_MalformedSetting_FailsValidation(string key, string value)
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync(s => s[key] = value);

        Func<DiscordOptions> act = () => host.Get<IOptions<DiscordOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{key}*");
    }

    [Fact]
    public async Task AddAutoIntelDiscord_FetchAllowedHostsSetting_LetsTheLinkCheckAcceptThatHost()
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync(s => s["Fetch:AllowedHosts"] = "127.0.0.1,internal.example");

        var links = host.Get<SourceLinkValidator>();

        links.Validate("http://127.0.0.1:8080/a").Should().BeNull();
        links.Validate("http://10.0.0.1/a").Should().Contain("private or local");
    }
}
