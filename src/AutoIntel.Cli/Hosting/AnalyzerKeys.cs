namespace AutoIntel.Cli.Hosting;

/// <summary>Keys of keyed analyzer registrations.</summary>
public static class AnalyzerKeys
{
    /// <summary>The offline heuristic analyzer, also the LLM gateway's last fallback.</summary>
    public const string Offline = "offline";
}
