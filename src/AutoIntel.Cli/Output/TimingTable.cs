using System.Globalization;
using System.Text;
using AutoIntel.Core.Runs;

namespace AutoIntel.Cli.Output;

/// <summary>The stage timing table printed after a run.</summary>
public static class TimingTable
{
    /// <summary>Renders stages as an aligned plain-text table with a total line.</summary>
    public static string Render(IReadOnlyList<StageTiming> stages, TimeSpan wall)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"stage",-12} {"ms",10} {"activities",11}");
        foreach (var s in stages)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{s.Name,-12} {s.DurationMs,10:N0} {s.Activities,11}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"{"wall",-12} {wall.TotalMilliseconds,10:N0} {stages.Sum(s => s.Activities),11}");
        return sb.ToString();
    }
}
