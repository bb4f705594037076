using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AutoIntel.Core.Telemetry;

/// <summary>The one <see cref="ActivitySource"/> and <see cref="Meter"/> of AutoIntel; hosts subscribe to <see cref="Name"/>.</summary>
/// <remarks>
/// Both hosts (CLI/serve and the Functions app) export whatever is recorded here through OpenTelemetry; without a listener,
/// starting a span returns null and recording a measurement costs next to nothing. Instrument names: <see cref="MetricNames"/>.
/// </remarks>
public static class AutoIntelTelemetry
{
    /// <summary>The ActivitySource and Meter name hosts subscribe to.</summary>
    public const string Name = "AutoIntel";

    /// <summary>Spans: the run, its stages, activity attempts and LLM calls.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Every AutoIntel metric (<see cref="RunMetrics"/>).</summary>
    public static Meter Meter { get; } = new(Name);
}
