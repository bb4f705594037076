// The Discord messages of the briefing a run delivered, as JSON: reads the ComposeBriefing input (the whole briefing, with each
// section's Discord fields) from a run's history and builds the embeds with the build it was compiled against. From workflow
// version 9 the input lists the stored sections instead, read here from the data folder's artifacts (DATA/instances/x.jsonl ->
// DATA/artifacts/<path>), as DeliverBriefing reads them; one without an artifact is empty, which the embeds leave out.
// Usage: BriefingEmbeds <history.jsonl>
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Serialization;
using AutoIntel.Discord.Delivery;

foreach (var line in File.ReadLines(args[0]))
{
    var e = JsonNode.Parse(line)!;
    if ((string?)e["type"] == "taskScheduled" && (string?)e["name"] == "ComposeBriefing")
    {
        var input = e["input"]!["input"] ?? e["input"]!;
        var briefing = input["briefing"].Deserialize<Briefing>(AutoIntelJson.Options)!;
        if (input["sections"] is JsonArray stored)
        {
            var artifacts = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[0]))!, "..", "artifacts");
            briefing = briefing with { Sections = [.. stored.Select(s => (string?)s!["artifact"]?["path"] is { } path
                ? JsonSerializer.Deserialize<BriefingSection>(File.ReadAllText(Path.Combine(artifacts, path)), AutoIntelJson.Options)!
                : new BriefingSection((string)s["name"]!, (string)s["name"]!, default, string.Empty, [], (string?)s["jsonProperty"]))] };
        }

        Console.WriteLine(JsonSerializer.Serialize(BriefingEmbedBuilder.Build(briefing), new JsonSerializerOptions(AutoIntelJson.Options) { WriteIndented = true }));
        return 0;
    }
}

Console.Error.WriteLine("No ComposeBriefing call in " + args[0]);
return 1;
