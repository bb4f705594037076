using System.Text.RegularExpressions;
using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>Every declared <see cref="ChunkAnalysis"/>: the one list the workflow, gateway, renderers, <c>models explain</c> and the benchmark read.</summary>
/// <remarks>
/// Declarations are found in this assembly (every concrete <see cref="ChunkAnalysis"/>), so adding one edits no list. The order is
/// fixed, by <see cref="ChunkAnalysis.SinceVersion"/> then name, because the workflow schedules them in it and replays must agree.
/// </remarks>
public static partial class AnalysisCatalog
{
    /// <summary>Declared analyses, in scheduling order.</summary>
    public static IReadOnlyList<ChunkAnalysis> All { get; } = Validate(Discover());

    /// <summary>The /autointel workflow version new instances record: the newest <see cref="ChunkAnalysis.SinceVersion"/> (1 without any).</summary>
    public static int LatestVersion { get; } = All.Select(a => a.SinceVersion).Append(1).Max();

    /// <summary>The analysis called <paramref name="name"/>, or null.</summary>
    public static ChunkAnalysis? Find(string name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>The version an instance recorded, as a number: histories from before versions (and unversioned starts) read as 1.</summary>
    /// <exception cref="FormatException">The recorded version is not a number.</exception>
    public static int ParseVersion(string recorded) => recorded.Length == 0
        ? 1
        : int.TryParse(recorded, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 1
            ? v
            : throw new FormatException($"'{recorded}' is not an /autointel workflow version (a whole number from 1).");

    /// <summary>Checks a list of declarations: unique snake_case names that no built-in task uses, prompts under the same name.</summary>
    /// <exception cref="InvalidOperationException">A declaration breaks a rule; the message names it.</exception>
    public static IReadOnlyList<ChunkAnalysis> Validate(IReadOnlyList<ChunkAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        foreach (var a in analyses)
        {
            var problem = a switch
            {
                _ when !SnakeCase().IsMatch(a.Name) => "its name must be snake_case",
                _ when TaskTypes.BuiltIn.Contains(a.Name, StringComparer.Ordinal) => "its name is a built-in task type",
                _ when analyses.Count(b => b.Name == a.Name) > 1 => "its name is declared twice",
                _ when string.IsNullOrWhiteSpace(a.Title) => "it has no title",
                _ when a.SinceVersion < 2 => "its SinceVersion must be above 1 (version 1 is the workflow before the catalog)",
                _ when a.TaskType != a.Name => $"its prompt's task type is '{a.TaskType}'",
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
            .OrderBy(a => a.SinceVersion)
            .ThenBy(a => a.Name, StringComparer.Ordinal)];

    [GeneratedRegex("^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();
}
