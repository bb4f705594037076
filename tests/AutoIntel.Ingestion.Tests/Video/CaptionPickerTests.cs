using AutoIntel.Ingestion.Video;

namespace AutoIntel.Ingestion.Tests.Video;

public sealed class CaptionPickerTests
{
    [Fact]
    public void Pick_UploadedAndAutomatic_UploadedInTheVideosLanguage() =>
        CaptionPicker.Pick(Video("de", ["en", "de-DE"], ["de-orig", "en"]), []).Should().Be(new CaptionChoice("de-DE", Automatic: false));

    [Fact]
    public void Pick_OnlyAutomatic_TheOriginalNotATranslation() =>
        CaptionPicker.Pick(Video(null, [], ["en", "fr", "fr-orig"]), ["en"]).Should().Be(new CaptionChoice("fr-orig", Automatic: true));

    [Fact]
    public void Pick_NoLanguageMatches_UploadedTrackAnyway() =>
        CaptionPicker.Pick(Video(null, ["ja"], []), ["en"]).Should().Be(new CaptionChoice("ja", Automatic: false));

    [Fact]
    public void Pick_PreferenceOrder_FirstPreferredThatExists() =>
        CaptionPicker.Pick(Video(null, ["fr", "es", "en-GB"], []), ["es", "en"]).Should().Be(new CaptionChoice("es", Automatic: false));

    [Fact]
    public void Pick_OnlyChatReplay_None() =>
        CaptionPicker.Pick(VideoMetadata.Parse("""{"id":"a","extractor":"youtube","subtitles":{"live_chat":[{"url":"x"}]}}""", "s"), []).Should().BeNull();

    [Fact]
    public void Parse_Playlist_RefusedAskingForOneVideo()
    {
        Action act = () => VideoMetadata.Parse("""{"_type":"playlist","id":"p","entries":[]}""", "link");

        act.Should().Throw<ContentRefusedException>().WithMessage("Refused link: it is a playlist or a page of several videos. Link one video.");
    }

    [Fact]
    public void Parse_YouTubeFields_ChannelDurationUploadDate()
    {
        VideoMetadata video = VideoMetadata.Parse(
            """{"id":"dQw4w9WgXcQ","extractor":"youtube","title":"T","channel":"C","uploader":"U","duration":212,"upload_date":"20091025","live_status":"was_live","formats":[{"vcodec":"none","acodec":"opus"}]}""", "s");

        video.Should().BeEquivalentTo(new { Site = "youtube", Id = "dQw4w9WgXcQ", Title = "T", Channel = "C", Duration = TimeSpan.FromSeconds(212), Uploaded = new DateOnly(2009, 10, 25), IsLive = false, HasAudioOnlyFormat = true });
    }

    private static VideoMetadata Video(string? language, string[] subtitles, string[] automatic) =>
        new("{}", "youtube", "id", "t", null, null, null, false, language, subtitles, automatic, false);
}
