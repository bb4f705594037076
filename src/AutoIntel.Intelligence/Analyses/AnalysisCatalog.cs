using System.Text.RegularExpressions;
using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>Every declared <see cref="ChunkAnalysis"/>: the one list the workflow, gateway, renderers, <c>models explain</c> and the benchmark read.</summary>
/// <remarks>
/// Declarations are found in this assembly (every concrete <see cref="ChunkAnalysis"/>), so adding one edits no list. The order is
/// fixed, by <see cref="ChunkAnalysis.Position"/>, then <see cref="ChunkAnalysis.SinceVersion"/>, then name, because the briefing shows
/// them in it and the workflow schedules them in <see cref="Scheduled"/>'s order derived from it, which replays must agree on.
/// </remarks>
public static partial class AnalysisCatalog
{
    /// <summary>Declared analyses, in scheduling order.</summary>
    public static IReadOnlyList<ChunkAnalysis> All { get; } = Validate(Discover());

    /// <summary>The /autointel workflow version new instances record: the newest <see cref="ChunkAnalysis.DeclaredSince"/> (an added
    /// analysis's <see cref="ChunkAnalysis.SinceVersion"/>, a built-in's move into the catalog) or <see cref="WorkflowVersions"/> entry.</summary>
    /// <remarks>The one number the workflow registrations read.</remarks>
    public static int NewInstanceVersion { get; } = All.Select(a => a.DeclaredSince).Append(WorkflowVersions.ClaimsByReference).Append(WorkflowVersions.SectionsByReference).Max();

    /// <summary>The analyses an instance of this depth, started under <paramref name="workflowVersion"/>, runs, in scheduling order:
    /// the built-ins first (the order the workflow before the catalog scheduled them in), then the others, each in catalog order.</summary>
    public static IReadOnlyList<ChunkAnalysis> Scheduled(Core.Runs.Depth depth, int workflowVersion) =>
        [.. All.Where(a => a.IsBuiltIn).Concat(All.Where(a => !a.IsBuiltIn)).Where(a => a.RunsAt(depth, workflowVersion))];

    /// <summary>A briefing read back from its public JSON (<see cref="Core.Briefings.BriefingJson"/>), its built-in sections named and
    /// titled by their declarations (data only: the file holds no Markdown or Discord fields for them).</summary>
    public static Core.Briefings.Briefing ReadBriefing(string json) => Core.Briefings.BriefingJson.Read(json, BuiltInSection);

    /// <summary>As <see cref="ReadBriefing"/>, from the file's stream (a long run's briefing is megabytes).</summary>
    public static Task<Core.Briefings.Briefing> ReadBriefingAsync(Stream utf8, CancellationToken cancellationToken = default) =>
        Core.Briefings.BriefingJson.ReadAsync(utf8, BuiltInSection, cancellationToken);

    private static (string Name, string Title)? BuiltInSection(string property) =>
        All.FirstOrDefault(a => a.JsonProperty == property) is { } a ? (a.Name, a.Title) : null;

    /// <summary>The analysis whose prompt has router task type <paramref name="taskType"/>, or null.</summary>
    public static ChunkAnalysis? FindByTaskType(string taskType) => All.FirstOrDefault(a => string.Equals(a.TaskType, taskType, StringComparison.Ordinal));

    /// <summary>The analysis called <paramref name="name"/>, or null.</summary>
    public static ChunkAnalysis? Find(string name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>The version an instance recorded, as a number: histories from before versions (and unversioned starts) read as 1.</summary>
    /// <exception cref="FormatException">The recorded version is not a number.</exception>
    public static int ParseVersion(string recorded) => recorded.Length == 0
        ? 1
        : int.TryParse(recorded, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 1
            ? v
            : throw new FormatException($"'{recorded}' is not an /autointel workflow version (a whole number from 1).");

    /// <summary>Checks a list of declarations: unique snake_case names and task types (an added analysis's task type is its name and no
    /// built-in task's), and the built-in-only members (version 1, legacy activity, declared-since version, JSON property) only on built-ins.</summary>
    /// <exception cref="InvalidOperationException">A declaration breaks a rule; the message names it.</exception>
    public static IReadOnlyList<ChunkAnalysis> Validate(IReadOnlyList<ChunkAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        foreach (var a in analyses)
        {
            var problem = a switch
            {
                _ when !SnakeCase().IsMatch(a.Name) => "its name must be snake_case",
                _ when !a.IsBuiltIn && TaskTypes.BuiltIn.Contains(a.TaskType, StringComparer.Ordinal) => "its name is a built-in task type",
                _ when analyses.Count(b => b.Name == a.Name) > 1 => "its name is declared twice",
                _ when analyses.Count(b => b.TaskType == a.TaskType) > 1 => $"its task type '{a.TaskType}' is declared twice",
                _ when string.IsNullOrWhiteSpace(a.Title) => "it has no title",
                _ when !a.IsBuiltIn && a.SinceVersion < 2 => "its SinceVersion must be above 1 (version 1 is the workflow before the catalog)",
                _ when a.IsBuiltIn && a.SinceVersion != 1 => "a built-in analysis (one with a LegacyActivity) is version 1",
                _ when a.IsBuiltIn && a.DeclaredSince < 3 => "a built-in analysis is declared from version 3 on (versions 1 and 2 ran every built-in under its own activity)",
                _ when !a.IsBuiltIn && a.DeclaredSince != a.SinceVersion => "only a built-in analysis has a DeclaredSince of its own; an added one runs through AnalyseChunk from its SinceVersion",
                _ when !a.IsBuiltIn && a.JsonProperty is not null => "only a built-in analysis keeps a top-level JSON property; added ones go in sections[]",
                _ when !a.IsBuiltIn && a.TaskType != a.Name => $"its prompt's task type is '{a.TaskType}'",
                _ when a.LegacyReduceActivity is not null && !(a.IsBuiltIn && a.Reduces) => "only a built-in map-reduce analysis has a legacy reduce activity",
                _ => null,
            };
            if (problem is not null)
            {
                throw new InvalidOperationException($"Analysis '{a.Name}' ({a.GetType().Name}): {problem}.");
            }
        }

        return analyses;
    }

    private static List<ChunkAnalysis> Discover() =>
        [.. typeof(ChunkAnalysis).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(ChunkAnalysis)) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ChunkAnalysis)Activator.CreateInstance(t)!)
            .OrderBy(a => a.Position)
            .ThenBy(a => a.SinceVersion)
            .ThenBy(a => a.Name, StringComparer.Ordinal)];

    [GeneratedRegex("^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();
}
