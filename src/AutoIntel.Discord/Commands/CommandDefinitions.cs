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

    // Discord option types: 3 = STRING, 11 = ATTACHMENT. Command type 1 = CHAT_INPUT.
    private const int StringType = 3;
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
                new JsonObject
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
                },
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
    ];

    private static JsonObject Choice(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
