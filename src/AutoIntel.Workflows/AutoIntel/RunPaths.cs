namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Where a run's artifacts live in the artifact store.</summary>
public static class RunPaths
{
    /// <summary>Prefix of everything a run stores.</summary>
    public static string Root(string runId) => $"runs/{runId}/";

    /// <summary>The readable transcript (JSON <c>Transcript</c>).</summary>
    public static string Transcript(string runId) => $"runs/{runId}/transcript.json";

    /// <summary>One piece of long audio, cut for transcription.</summary>
    public static string AudioPiece(string runId, int index, string extension) => $"runs/{runId}/audio/piece-{index:D4}.{extension}";

    /// <summary>The transcript of one audio piece (JSON <c>Transcript</c>, times relative to the piece).</summary>
    public static string PieceTranscript(string runId, int index) => $"runs/{runId}/audio/piece-{index:D4}.transcript.json";

    /// <summary>One chunk (JSON <c>Chunk</c>).</summary>
    public static string Chunk(string runId, int index) => $"runs/{runId}/chunks/{index:D4}.json";

    /// <summary>The claims found in one chunk (JSON list of <c>Claim</c>).</summary>
    public static string ChunkClaims(string runId, int index) => $"runs/{runId}/claims/{index:D4}.json";

    /// <summary>The claims found but not verified at the run's depth (JSON list of <c>ClaimVerdict</c>).</summary>
    public static string NotCheckedClaims(string runId) => $"runs/{runId}/not-checked.json";

    /// <summary>One chunk's result of one analysis (JSON, as the analysis serialized it).</summary>
    public static string AnalysisPart(string runId, string analysis, int index) => $"runs/{runId}/analyses/{analysis}/{index:D4}.json";

    /// <summary>One analysis's presented section (JSON <c>BriefingSection</c>).</summary>
    public static string Section(string runId, string analysis) => $"runs/{runId}/sections/{analysis}.json";

    /// <summary>A stage's output (JSON).</summary>
    public static string Stage(string runId, string stage) => $"runs/{runId}/stages/{stage}.json";

    /// <summary>The briefing as JSON.</summary>
    public static string BriefingJson(string runId) => $"runs/{runId}/briefing.json";

    /// <summary>The briefing as Markdown.</summary>
    public static string BriefingMarkdown(string runId) => $"runs/{runId}/briefing.md";
}
