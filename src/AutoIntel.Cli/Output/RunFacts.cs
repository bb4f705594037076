using System.Text.Json;
using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Cli.Output;

/// <summary>What the CLI tells about a run beyond its status: what it analysed, its title, and where its briefing is.</summary>
/// <param name="Source">The link or file the run analysed (null for runs of other workflows).</param>
/// <param name="Title">The briefing's title, once the run completed.</param>
/// <param name="Briefing">Where the Markdown briefing is: an absolute file path with the file store, else the store's own name for it.</param>
public sealed record RunFacts(string? Source, string? Title, string? Briefing)
{
    /// <summary>Reads the facts of <paramref name="status"/>; a briefing that cannot be read leaves the title out rather than failing.</summary>
    public static async Task<RunFacts> ReadAsync(AutoIntelApp app, InstanceStatus status, CancellationToken cancellationToken)
    {
        var source = SourceOf(status);
        if (status.RuntimeStatus != RuntimeStatus.Completed || status.Output is not { } output || status.WorkflowName != WorkflowNames.AutoIntel)
        {
            return new RunFacts(source, null, null);
        }

        var result = output.Deserialize<RunResult>(AutoIntelJson.Options);
        if (result is null)
        {
            return new RunFacts(source, null, null);
        }

        string? title = null;
        try
        {
            title = (await app.Artifacts.GetJsonAsync<Briefing>(result.BriefingJson.Path, cancellationToken)).Title;
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or FileNotFoundException)
        {
            // Purged or unreadable: the status line still shows the source and the path.
        }

        return new RunFacts(source, title, Locate(app.Artifacts, result.BriefingMarkdown.Path));
    }

    /// <summary>The source an AutoIntel run was started with.</summary>
    public static string? SourceOf(InstanceStatus status)
    {
        if (status.WorkflowName != WorkflowNames.AutoIntel || status.Input is not { } input)
        {
            return null;
        }

        try
        {
            return input.Deserialize<AnalyzeRequest>(AutoIntelJson.Options)?.Source;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An artifact as the user can open it: the absolute file path with the file store (so it opens from any folder),
    /// else the path inside the store.</summary>
    public static string Locate(IArtifactStore store, string path) => store is FileArtifactStore files
        ? Path.GetFullPath(Path.Combine(files.RootPath, path.Replace('/', Path.DirectorySeparatorChar)))
        : $"{path} (in the configured artifact store)";
}
