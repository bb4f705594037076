using System.Diagnostics.Metrics;
using AutoIntel.Core.Telemetry;

namespace AutoIntel.TestKit;

/// <summary>Collects the measurements of one AutoIntel instrument (a name from <see cref="MetricNames"/>) as a metrics exporter would see them.</summary>
/// <remarks>Listeners are process-wide, so measurements of tests running alongside arrive too: read them by their tags.</remarks>
public sealed class MeasurementCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<CapturedMeasurement> _seen = [];

    public MeasurementCapture(string instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == AutoIntelTelemetry.Name && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Add(value, tags));
        _listener.Start();
    }

    /// <summary>Every measurement so far, in the order recorded.</summary>
    public IReadOnlyList<CapturedMeasurement> All
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var captured = new CapturedMeasurement(value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()));
        lock (_seen)
        {
            _seen.Add(captured);
        }
    }
}

/// <summary>One measurement: its value and tags.</summary>
public sealed record CapturedMeasurement(double Value, IReadOnlyDictionary<string, string?> Tags)
{
    /// <summary>The value of tag <paramref name="name"/>, or null.</summary>
    public string? this[string name] => Tags.GetValueOrDefault(name);
}
