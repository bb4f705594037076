using System.Text.Json.Nodes;

namespace AutoIntel.Discord.Commands;

/// <summary>The slash commands AutoIntel registers, as Discord's application-command JSON.</summary>
public static class CommandDefinitions
{
    /// <summary>The analysis command.</summary>
    public const string AnalyzeCommand = "autointel";

    /// <summary>The status command.</summary>
    public const string StatusCommand = "autointel-status";

    /// <summary>The memory recall command (answered ephemerally).</summary>
    public const string RecallCommand = "autointel-recall";

    /// <summary>The watchlist command, with subcommands add, list and remove.</summary>
    public const string WatchCommand = "autointel-watch";

    /// <summary>Subcommand: watch a feed.</summary>
    public const string WatchAdd = "add";

    /// <summary>Subcommand: this server's watches.</summary>
    public const string WatchList = "list";

    /// <summary>Subcommand: stop a watch.</summary>
    public const string WatchRemove = "remove";

    /// <summary>The poll interval option of watch add.</summary>
    public const string EveryOption = "every";

    /// <summary>The query option of the recall command.</summary>
    public const string QueryOption = "query";

    /// <summary>Option names of the analysis command.</summary>
    public const string UrlOption = "url";

    /// <summary>The depth option.</summary>
    public const string DepthOption = "depth";

    /// <summary>The attachment option.</summary>
    public const string FileOption = "file";

    /// <summary>The run id option of the status command.</summary>
    public const string IdOption = "id";

    /// <summary>Longest link accepted (Discord string options allow 6000 characters; links beyond this are not real).</summary>
    public const int MaxUrlLength = 2048;

    // Discord option types: 1 = SUB_COMMAND, 3 = STRING, 11 = ATTACHMENT. Command type 1 = CHAT_INPUT.
    private const int SubCommandType = 1;
    private const int StringType = 3;

    // MANAGE_CHANNELS (1 << 4): only members who may manage channels see the watch command; admins can change it per server.
    private const string ManageChannels = "16";
    private const int AttachmentType = 11;

    /// <summary>Builds a fresh JSON array with every command (a new instance each call, since JSON nodes have one parent).</summary>
    public static JsonArray Build() =>
    [
        new JsonObject
        {
            ["name"] = AnalyzeCommand,
            ["type"] = 1,
            ["description"] = "Fact-checked briefing of a video, podcast, article or transcript",
            ["options"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = UrlOption,
                    ["type"] = StringType,
                    ["description"] = "Link to the content (or attach a file instead)",
                    ["required"] = false,
                    ["max_length"] = MaxUrlLength,
                },
                DepthChoice(),
                new JsonObject
                {
                    ["name"] = FileOption,
                    ["type"] = AttachmentType,
                    ["description"] = "A transcript, subtitles, article or audio file to analyse",
                    ["required"] = false,
                },
            },
        },
        new JsonObject
        {
            ["name"] = StatusCommand,
            ["type"] = 1,
            ["description"] = "Stage and progress of an AutoIntel run",
            ["options"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = IdOption,
                    ["type"] = StringType,
                    ["description"] = "The run id (shown when the run started)",
                    ["required"] = true,
                    ["max_length"] = 100,
                },
            },
        },
        new JsonObject
        {
            ["name"] = RecallCommand,
            ["type"] = 1,
            ["description"] = "What this server's memory holds about something: passages, claims with verdicts, who said what",
            ["options"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = QueryOption,
                    ["type"] = StringType,
                    ["description"] = "Words, a claim or a name to look for",
                    ["required"] = true,
                    ["max_length"] = 200,
                },
            },
        },
        new JsonObject
        {
            ["name"] = WatchCommand,
            ["type"] = 1,
            ["description"] = "Brief every new episode or video of a feed or video channel in this channel",
            ["default_member_permissions"] = ManageChannels,
            ["options"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = WatchAdd,
                    ["type"] = SubCommandType,
                    ["description"] = "Watch a feed or channel: its newest episode or video now, then each new one",
                    ["options"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["name"] = UrlOption,
                            ["type"] = StringType,
                            ["description"] = "Podcast or video feed (RSS/Atom), or a YouTube, Twitch or Vimeo channel or playlist",
                            ["required"] = true,
                            ["max_length"] = MaxUrlLength,
                        },
                        DepthChoice(),
                        new JsonObject
                        {
                            ["name"] = EveryOption,
                            ["type"] = StringType,
                            ["description"] = "How often to look, like 30m, 1h or 1d (default 1h)",
                            ["required"] = false,
                            ["max_length"] = 10,
                        },
                    },
                },
                new JsonObject
                {
                    ["name"] = WatchList,
                    ["type"] = SubCommandType,
                    ["description"] = "This server's watches and how they are doing",
                },
                new JsonObject
                {
                    ["name"] = WatchRemove,
                    ["type"] = SubCommandType,
                    ["description"] = "Stop a watch",
                    ["options"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["name"] = IdOption,
                            ["type"] = StringType,
                            ["description"] = "The watch id (from /autointel-watch list)",
                            ["required"] = true,
                            ["max_length"] = 20,
                        },
                    },
                },
            },
        },
    ];

    private static JsonObject DepthChoice() => new()
    {
        ["name"] = DepthOption,
        ["type"] = StringType,
        ["description"] = "How deep to analyse (default: standard)",
        ["required"] = false,
        ["choices"] = new JsonArray
        {
            Choice("quick", "quick"),
            Choice("standard", "standard"),
            Choice("deep", "deep"),
            Choice("experimental", "experimental"),
        },
    };

    private static JsonObject Choice(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
