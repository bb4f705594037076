using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoIntel.Core.Serialization;

/// <summary>The one JSON shape used for histories, artifacts and CLI output: camelCase, enums as strings.</summary>
public static class AutoIntelJson
{
    /// <summary>Compact options for storage.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Indented options for people (CLI output, reports).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new LongStringConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
