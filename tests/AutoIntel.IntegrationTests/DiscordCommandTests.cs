using AutoIntel.TestKit;

namespace AutoIntel.IntegrationTests;

public sealed class DiscordCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task DiscordRegister_Guild_OverwritesThatGuildsCommands()
    {
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        var cli = new CliRunner(_data.Path);
        cli.Environment["Discord__BotToken"] = discord.BotToken;
        cli.Environment["Discord__ApplicationId"] = "1000000000000000001";
        cli.Environment["Discord__ApiBaseUrl"] = discord.ApiBaseUrl;

        CliResult result = await cli.RunAsync("discord", "register", "--guild", "1400000000000000004");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("/autointel").And.Contain("1400000000000000004");
        discord.Commands.Keys.Should().Equal("1400000000000000004");
        discord.Commands["1400000000000000004"].Select(c => c!["name"]!.GetValue<string>()).Should().BeEquivalentTo("autointel", "autointel-status", "autointel-recall", "autointel-watch");
    }

    [Fact]
    public async Task DiscordRegister_WithoutBotToken_ExplainsTheSetting()
    {
        var cli = new CliRunner(_data.Path);
        cli.Environment["Discord__ApplicationId"] = "1000000000000000001";

        CliResult result = await cli.RunAsync("discord", "register");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("Discord__BotToken");
    }
}
