namespace AutoIntel.Ingestion.Video;

/// <summary>What one yt-dlp call printed.</summary>
/// <param name="ExitCode">0 when it succeeded.</param>
/// <param name="Output">Standard output (the JSON of <c>--dump-single-json</c>), capped at 32 M characters.</param>
/// <param name="Errors">The last 40 lines of standard error.</param>
public sealed record YtDlpResult(int ExitCode, string Output, string Errors);
