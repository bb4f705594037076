using AutoIntel.Core.Text;
using AutoIntel.Workflows.AutoIntel;
using Spectre.Console;

namespace AutoIntel.Cli.Output;

/// <summary>A live status line on a terminal, plus a tick line per finished stage.</summary>
public sealed class LiveProgressSink(IAnsiConsole console) : IProgressSink
{
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);

    /// <summary>The Spectre status context, set while the live display runs.</summary>
    public StatusContext? Status { get; set; }

    /// <inheritdoc/>
    public void OnProgress(RunProgress progress, int activitiesDone, int activitiesScheduled)
    {
        // Stages are listed in start order, so a stage that started earlier can finish later: track by name.
        foreach (var done in progress.CompletedStages.Where(s => _shown.Add(s.Name)))
        {
            console.MarkupLine($"[green]✓[/] {Shown(done.Name),-11} [grey]{done.DurationMs:N0} ms · {done.Activities} activities[/]");
        }

        Status?.Status($"[bold]{progress.StageNumber}/{progress.StageCount} {Shown(progress.Stage)}[/] [grey]{Shown(progress.Detail)} · activities {activitiesDone}/{activitiesScheduled}[/]");
    }

    // This display writes to the raw terminal (see TerminalSafeWriter): what it shows is made one safe line here.
    private static string Shown(string text) => Markup.Escape(ControlCharacters.StripToLine(text));
}
