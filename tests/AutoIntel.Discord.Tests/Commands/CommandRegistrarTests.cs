using System.Text.Json.Nodes;
using AutoIntel.Discord.Commands;
using AutoIntel.Discord.Tests.Support;

namespace AutoIntel.Discord.Tests.Commands;

public sealed class CommandRegistrarTests
{
    [Fact]
    public async Task RegisterAsync_Global_OverwritesBothCommandsWithChoicesAndAttachment()
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync();

        IReadOnlyList<string> names = await host.Get<CommandRegistrar>().RegisterAsync(null);

        names.Should().Equal("autointel", "autointel-status", "autointel-recall", "autointel-watch");
        JsonArray registered = host.Server.Commands["global"];
        JsonNode analyze = registered.Single(c => c!["name"]!.GetValue<string>() == "autointel")!;
        JsonArray options = analyze["options"]!.AsArray();
        options.Single(o => o!["name"]!.GetValue<string>() == "depth")!["choices"]!.AsArray()
            .Select(c => c!["value"]!.GetValue<string>()).Should().Equal("quick", "standard", "deep", "experimental");
        options.Single(o => o!["name"]!.GetValue<string>() == "file")!["type"]!.GetValue<int>().Should().Be(11);
        host.Server.Requests.Single().Method.Should().Be("PUT");
    }

    [Fact]
    public async Task RegisterAsync_Guild_UsesTheGuildRoute()
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync();

        await host.Get<CommandRegistrar>().RegisterAsync(Payloads.GuildId);

        host.Server.Commands.Should().ContainKey(Payloads.GuildId).And.NotContainKey("global");
    }

    [Fact]
    public async Task RegisterAsync_NoBotToken_ExplainsWhatToSet()
    {
        await using DiscordTestHost host = await DiscordTestHost.StartAsync(s => s["Discord:BotToken"] = null);

        Func<Task> act = () => host.Get<CommandRegistrar>().RegisterAsync(null);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Discord__BotToken*");
    }
}
