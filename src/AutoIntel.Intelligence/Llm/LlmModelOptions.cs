namespace AutoIntel.Intelligence.Llm;

/// <summary>One catalog entry: where a model lives, what it costs, how fast and how good it is per task.</summary>
public sealed class LlmModelOptions
{
    /// <summary>Catalog id used in routing, analytics and explanations.</summary>
    public string Name { get; set; } = "";

    /// <summary>Key of the provider in <c>Llm:Providers</c>.</summary>
    public string Provider { get; set; } = "";

    /// <summary>Model or Azure deployment name sent to the endpoint; defaults to <see cref="Name"/>.</summary>
    public string? Deployment { get; set; }

    /// <summary>Cache family: models of one family share cached answers; defaults to <see cref="Name"/>.</summary>
    public string? Family { get; set; }

    /// <summary>USD per 1K input tokens.</summary>
    public decimal InputPricePer1K { get; set; }

    /// <summary>USD per 1K output tokens.</summary>
    public decimal OutputPricePer1K { get; set; }

    /// <summary>Context window in tokens (prompt plus output).</summary>
    public int ContextWindow { get; set; } = 8192;

    /// <summary>Typical latency of one call in milliseconds (the router learns the observed value).</summary>
    public double TypicalLatencyMs { get; set; } = 2000;

    /// <summary>Capabilities: <c>chat</c>, <c>json_schema</c>, <c>embeddings</c>, <c>transcription</c>; empty means chat and json_schema.</summary>
    /// <remarks>Starts empty because the configuration binder appends to, rather than replaces, a pre-filled list.</remarks>
    public List<string> Capabilities { get; set; } = [];

    /// <summary>Quality prior (0..1) per task type; tasks not listed use <see cref="DefaultQuality"/>.</summary>
    public Dictionary<string, double> Quality { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Quality prior for task types not in <see cref="Quality"/>.</summary>
    public double DefaultQuality { get; set; } = 0.7;
}
