using System.Globalization;
using System.Text;
using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.Intelligence.Prompts.Answers;
using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>Named entities of each chunk, merged across chunks by name and type (built-in, every depth); they also feed the knowledge graph.</summary>
public sealed class EntitiesAnalysis : ChunkAnalysis<IReadOnlyList<Entity>>
{
    /// <summary>Its name, the section the remember stage reads the entities from (<see cref="In"/>).</summary>
    public const string SectionName = "entities";

    // How the Markdown groups them; a type not listed goes after these, by name.
    private static readonly string[] TypeOrder = ["person", "organization", "place", "date", "number", "other"];

    /// <inheritdoc />
    public override string Name => SectionName;

    /// <inheritdoc />
    public override string Title => "Entities";

    /// <inheritdoc />
    public override Depth MinDepth => Depth.Quick;

    /// <inheritdoc />
    public override int SinceVersion => 1;

    /// <inheritdoc />
    /// <remarks>After the added analyses, as the Markdown has always had it.</remarks>
    public override int Position => 200;

    /// <inheritdoc />
    public override string LegacyActivity => "ExtractEntities";

    /// <inheritdoc />
    public override int DeclaredSince => 6;

    /// <inheritdoc />
    public override string JsonProperty => SectionName;

    /// <inheritdoc />
    public override int SimulatedOutputTokens => 200;

    /// <inheritdoc />
    public override string ExampleAnswer => """{"entities":[{"name":"Committee","type":"organization","mentions":2}],"ignoredInstructions":[]}""";

    /// <inheritdoc />
    /// <remarks>A speaker label ("Name:" opening a turn) is not a mention: a speaker's count is capped at what the text says about them.</remarks>
    public override StructuredTask<IReadOnlyList<Entity>> Prompt { get; } = AnalysisTasks.Define<EntitiesAnswer, IReadOnlyList<Entity>>(
        TaskTypes.Entities,
        "entities/v2",
        "List the named entities in the data with their type and how many times each is mentioned. A speaker label (\"Name:\" opening a turn) is not a mention; count only where the text names them.",
        400,
        (a, input) => [.. a.Entities.Select(x => new Entity(x.Name.Trim(), x.Type.Trim().ToLowerInvariant(), AnalysisTasks.MentionsBeyondLabels(x, input))).Where(e => e.Mentions > 0)]);

    /// <inheritdoc />
    /// <remarks>Capitalisation rules (<see cref="EntityExtractor"/>); speaker labels ("Jane Doe: " opening each turn) are not mentions, only what
    /// someone says about a speaker counts.</remarks>
    public override IReadOnlyList<Entity> Offline(string text, Chunk chunk) => EntityExtractor.Extract(SpeakerTurns.Of(chunk).WithoutLabels(text));

    /// <summary>The run's merged entities, from its briefing sections (the knowledge graph's input); none when the section is missing.</summary>
    public static IReadOnlyList<Entity> In(IReadOnlyList<BriefingSection>? sections) =>
        sections?.FirstOrDefault(s => s.Name == SectionName)?.Data.Deserialize<List<Entity>>(AutoIntelJson.Options) ?? [];

    /// <inheritdoc />
    /// <remarks>Data: the same entity found in several chunks is one entry (name compared case-insensitively, the first spelling kept,
    /// mentions added), most mentioned first, then by name. Markdown: one line per type, people first, each
    /// listing its <see cref="SectionText.ListedInReport"/> most mentioned. No Discord embed.</remarks>
    protected override SectionContent Render(IReadOnlyList<IReadOnlyList<Entity>> perChunk)
    {
        List<Entity> entities = [.. perChunk.SelectMany(e => e)
            .GroupBy(e => (Name: e.Name.Trim().ToUpperInvariant(), e.Type))
            .Select(g => new Entity(g.First().Name.Trim(), g.Key.Type, g.Sum(e => e.Mentions)))
            .OrderByDescending(e => e.Mentions)
            .ThenBy(e => e.Name, StringComparer.Ordinal)];
        var md = new StringBuilder();
        foreach (var group in entities.GroupBy(e => e.Type).OrderBy(g => Array.IndexOf(TypeOrder, g.Key) is var k && k < 0 ? TypeOrder.Length : k).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var names = group.OrderByDescending(e => e.Mentions).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
            md.Append("- **").Append(MarkdownText.Inline(Plural(group.Key))).Append(":** ")
              .Append(string.Join(", ", SectionText.Listed(names)
                  .Select(e => e.Mentions > 1 ? $"{MarkdownText.Inline(e.Name)} \u00D7{e.Mentions}" : MarkdownText.Inline(e.Name))));
            if (names.Count > SectionText.ListedInReport)
            {
                md.Append(", and ").Append((names.Count - SectionText.ListedInReport).ToString("N0", CultureInfo.InvariantCulture)).Append(" more");
            }

            md.Append('\n');
        }

        return new SectionContent(entities, md.ToString(), []);
    }

    private static string Plural(string type) => type switch
    {
        "person" => "People",
        "organization" => "Organizations",
        "place" => "Places",
        "date" => "Dates",
        "number" => "Numbers",
        _ => char.ToUpperInvariant(type.FirstOrDefault(' ')) + (type.Length > 1 ? type[1..] : string.Empty),
    };
}
