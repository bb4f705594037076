using System.Text.RegularExpressions;

namespace AutoIntel.Ingestion.Video;

/// <summary>Reduces yt-dlp's standard error to one line a user can act on (private, geo-blocked, live, not found, …).</summary>
public static partial class YtDlpErrors
{
    private const int MaxReasonChars = 200;

    // Most specific first; matched case-insensitively against every ERROR line.
    private static readonly (Regex Pattern, string Reason)[] Known =
    [
        (new(@"private video|video is private|this video has been made private", RegexOptions.IgnoreCase), "the video is private"),
        (new(@"members[- ]only|join this channel", RegexOptions.IgnoreCase), "the video is for the channel's members only"),
        (new(@"not (made this video )?available in your country|geo[- ]?restrict|geo[- ]?block|not available from your location", RegexOptions.IgnoreCase), "the video is geo-blocked where AutoIntel runs"),
        (new(@"sign in to confirm your age|age[- ]restricted|inappropriate for some users", RegexOptions.IgnoreCase), "the video is age-restricted and needs a signed-in account"),
        (new(@"live event will begin|premieres in|is_live|is live|live stream|is_upcoming|this live event", RegexOptions.IgnoreCase), "it is a live stream (or has not started yet); try again once it has ended"),
        (new(@"does not pass filter", RegexOptions.IgnoreCase), "it is a live stream or longer than the limit"),
        (new(@"larger than max-filesize|file is larger than", RegexOptions.IgnoreCase), "the audio is larger than the size limit"),
        (new(@"video unavailable|404|not found|does not exist|has been removed|no longer available|was deleted", RegexOptions.IgnoreCase), "the video was not found (removed, or a wrong link)"),
        (new(@"unsupported url|no suitable extractor", RegexOptions.IgnoreCase), "no video was found at this link"),
        (new(@"no video formats|no media found|no video could be found|there's no video in this", RegexOptions.IgnoreCase), "the link has no video or audio to read"),
        (new(@"sign in|log ?in required|login required|requires authentication|cookies", RegexOptions.IgnoreCase), "the video needs a signed-in account, which AutoIntel never uses"),
    ];

    /// <summary>Whether the failure is worth retrying (rate limits, server errors, dropped connections) rather than a refusal.</summary>
    public static bool IsTransient(string errors) => Transient().IsMatch(ErrorLines(errors));

    /// <summary>One lower-case phrase (no final full stop) saying why yt-dlp failed.</summary>
    public static string Reason(string errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string lines = ErrorLines(errors);
        foreach ((Regex pattern, string reason) in Known)
        {
            if (pattern.IsMatch(lines))
            {
                return reason;
            }
        }

        string last = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? string.Empty;
        last = Boilerplate().Replace(Prefix().Replace(last, string.Empty), string.Empty).Trim().TrimEnd('.', ';', ',');
        if (last.Length == 0)
        {
            return "yt-dlp failed without saying why";
        }

        return "yt-dlp said: " + (last.Length > MaxReasonChars ? last[..MaxReasonChars] + "…" : last);
    }

    // The ERROR lines when there are any (warnings are noise), else everything.
    private static string ErrorLines(string errors)
    {
        string[] found = [.. errors.Split('\n').Where(l => l.StartsWith("ERROR:", StringComparison.Ordinal))];
        return found.Length > 0 ? string.Join('\n', found) : errors;
    }

    // "ERROR: [youtube] abc123: " before the message.
    [GeneratedRegex(@"^(ERROR:\s*)?(\[[^\]]+\]\s*)?([^\s:]+:\s+)?")]
    private static partial Regex Prefix();

    // yt-dlp's request to file a bug report, which is not the user's business.
    [GeneratedRegex(@"(;\s*)?please report this issue.*$|\(caused by .*$|Confirm you are on the latest version.*$", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"HTTP Error (429|5\d\d)|Too Many Requests|timed out|Connection reset|Temporary failure in name resolution|Remote end closed", RegexOptions.IgnoreCase)]
    private static partial Regex Transient();
}
