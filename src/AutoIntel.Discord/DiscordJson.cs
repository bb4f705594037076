using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoIntel.Discord;

/// <summary>The JSON shape of Discord's API: snake_case names, nulls omitted, bounded depth.</summary>
public static class DiscordJson
{
    /// <summary>Deepest nesting accepted when reading; interaction payloads are shallow, so deeper input is hostile.</summary>
    public const int MaxDepth = 32;

    /// <summary>Options for Discord payloads.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = MaxDepth,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
