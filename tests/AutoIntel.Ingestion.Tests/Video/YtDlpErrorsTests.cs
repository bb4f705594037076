using AutoIntel.Ingestion.Video;

namespace AutoIntel.Ingestion.Tests.Video;

public sealed class YtDlpErrorsTests
{
    [Theory]
    [InlineData("ERROR: [youtube] abc: Private video. Sign in if you've been granted access to this video", "the video is private")]
    [InlineData("ERROR: [youtube] abc: The uploader has not made this video available in your country", "the video is geo-blocked where AutoIntel runs")]
    [InlineData("ERROR: [youtube] abc: This live event will begin in 3 hours.", "it is a live stream (or has not started yet); try again once it has ended")]
    [InlineData("ERROR: [youtube] abc: Video unavailable. This video has been removed by the uploader", "the video was not found (removed, or a wrong link)")]
    [InlineData("ERROR: [youtube] abc: Sign in to confirm your age. This video may be inappropriate for some users.", "the video is age-restricted and needs a signed-in account")]
    [InlineData("WARNING: [generic] Falling back on generic information extractor\nERROR: Unsupported URL: http://127.0.0.1/x", "no video was found at this link")]
    [InlineData("ERROR: [vimeo] 123: Something odd happened; please report this issue on  https://github.com/yt-dlp/yt-dlp/issues?q= , filling out the appropriate issue template", "yt-dlp said: Something odd happened")]
    [InlineData("", "yt-dlp failed without saying why")]
    public void Reason_StandardError_OneLinePhrase(string errors, string reason) =>
        YtDlpErrors.Reason(errors).Should().Be(reason);

    [Theory]
    [InlineData("ERROR: [youtube] abc: Unable to download webpage: HTTP Error 429: Too Many Requests", true)]
    [InlineData("ERROR: [twitch:vod] 1: Unable to download JSON metadata: HTTP Error 503: Service Unavailable", true)]
    [InlineData("ERROR: [youtube] abc: Private video", false)]
    public void IsTransient_StandardError_RetriesOnlyPassingFailures(string errors, bool transient) =>
        YtDlpErrors.IsTransient(errors).Should().Be(transient);
}
