using System.Text;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Transcription;
using AutoIntel.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Ingestion.Tests;

public sealed class TranscriberTests
{
    private readonly InMemoryArtifactStore _store = new();

    [Fact]
    public async Task TranscribeAsync_Html_TitleAndBlocks()
    {
        AcquiredContent content = await StoreAsync(ContentKind.Article, "text/html", File.ReadAllBytes("Fixtures/article.html"), "html");

        Transcript transcript = await new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        transcript.Title.Should().Be("Wind power & the grid");
        transcript.FullText.Should().Contain("Critics say storage is the bottleneck.").And.NotContain("Subscribe").And.NotContain("tracking");
    }

    [Fact]
    public async Task TranscribeAsync_Subtitles_TimedSegments()
    {
        AcquiredContent content = await StoreAsync(ContentKind.Subtitles, "text/vtt", File.ReadAllBytes("Fixtures/sample.vtt"), "vtt");

        Transcript transcript = await new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        transcript.Segments.Should().HaveCount(2);
        transcript.Segments[0].Start.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task TranscribeAsync_Latin1PlainText_DecodedFromCharset()
    {
        AcquiredContent content = await StoreAsync(ContentKind.PlainText, "text/plain; charset=iso-8859-1", Encoding.Latin1.GetBytes("Caf\u00e9 culture.\n\nSecond."), "txt");

        Transcript transcript = await new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        transcript.Segments.Select(s => s.Text).Should().Equal("Café culture.", "Second.");
    }

    [Theory]
    [InlineData(ContentKind.PlainText, "text/plain", "txt", "Line drawing \u001b(0qqq\u001b(B and \u001b7saved\u001b8 cursor.\u0007\u0000 C1 \u009b2J here.")]
    [InlineData(ContentKind.Subtitles, "text/vtt", "vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nLine drawing \u001b(0qqq\u001b(B and \u001b7saved\u001b8 cursor.\u0007\u0000 C1 \u009b2J here.\n")]
    [InlineData(ContentKind.Article, "text/html", "html", "<html><head><title>T\u001b]0;x\u0007</title></head><body><p>Line drawing \u001b(0qqq\u001b(B and \u001b7saved\u001b8 cursor.\u0007 C1 \u009b2J here.</p></body></html>")]
    public async Task TranscribeAsync_ContentWithControlCharacters_TextAndTitleAreClean(ContentKind kind, string mediaType, string extension, string text)
    {
        AcquiredContent content = await StoreAsync(kind, mediaType, Encoding.UTF8.GetBytes(text), extension);

        Transcript transcript = await new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        transcript.FullText.Should().Contain("Line drawing (0qqq(B and 7saved8 cursor.");
        transcript.FullText.Where(c => char.IsControl(c) && c is not '\n' and not '\t').Should().BeEmpty();
        transcript.Title.Where(char.IsControl).Should().BeEmpty();
    }

    [Theory]
    [InlineData(ContentKind.Subtitles, "application/x-subrip", "srt", "Fixtures/sample.srt")]
    [InlineData(ContentKind.Subtitles, "text/vtt", "vtt", "Fixtures/panel-talk.vtt")]
    [InlineData(ContentKind.PlainText, "text/plain", "txt", "Fixtures/bakery-interview.txt")]
    [InlineData(ContentKind.Article, "text/html", "html", "Fixtures/article.html")]
    public async Task TranscribeToAsync_Fixture_StoresWhatTranscribeAsyncReturns(ContentKind kind, string mediaType, string extension, string fixture)
    {
        AcquiredContent content = await StoreAsync(kind, mediaType, File.ReadAllBytes(fixture), extension);
        var transcriber = new Transcriber(_store, new DisabledSpeechToText());

        StoredTranscript stored = await transcriber.TranscribeToAsync(content, "runs/t/transcript.json");
        Transcript whole = await transcriber.TranscribeAsync(content);

        (await _store.GetJsonAsync<Transcript>(stored.Artifact.Path)).Should().BeEquivalentTo(whole, o => o.WithStrictOrdering());
        stored.Segments.Should().Be(whole.Segments.Count);
        stored.Characters.Should().Be(whole.FullText.Length);
        stored.Title.Should().Be(whole.Title);
    }

    [Fact]
    public async Task TranscribeToAsync_Utf16SubtitlesWithLabels_DecodedAndLabelled()
    {
        string srt = "1\n00:00:01,000 --> 00:00:02,000\nAnn Lee: Caf\u00e9 first.\n\n2\n00:00:02,000 --> 00:00:03,000\nAnn Lee: Again.\n\n3\n00:00:03,000 --> 00:00:04,000\nStill her.\n";
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(srt)];
        AcquiredContent content = await StoreAsync(ContentKind.Subtitles, "application/x-subrip", bytes, "srt");

        StoredTranscript stored = await new Transcriber(_store, new DisabledSpeechToText()).TranscribeToAsync(content, "runs/t/transcript.json");
        Transcript read = await _store.GetJsonAsync<Transcript>(stored.Artifact.Path);

        read.Segments.Select(s => (s.Speaker, s.Text)).Should().Equal(("Ann Lee", "Caf\u00e9 first."), ("Ann Lee", "Again."), ("Ann Lee", "Still her."));
    }

    [Theory]
    [InlineData("1\n00:00:00,000 --> 00:00:00,500\nHello.\n\n2\n00:00:09,000 --> 00:00:01,000\nx\n", "Cannot read subtitles from src: line 6: the cue ends*")]
    [InlineData("1\n00:00:00,000 --> 00:00:00,500\n \n\n2\n00:00:01,000 --> 00:00:02,000\n<i> </i>\n", "No readable text found in src.")]
    public async Task TranscribeToAsync_BadSubtitles_FailsStoringNothing(string srt, string message)
    {
        AcquiredContent content = await StoreAsync(ContentKind.Subtitles, "application/x-subrip", Encoding.UTF8.GetBytes(srt), "srt");

        Func<Task> act = () => new Transcriber(_store, new DisabledSpeechToText()).TranscribeToAsync(content, "runs/t/transcript.json");

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage(message);
        (await _store.ExistsAsync("runs/t/transcript.json")).Should().BeFalse();
    }

    [Fact]
    public async Task TranscribeAsync_MalformedSubtitles_ClearPermanentError()
    {
        AcquiredContent content = await StoreAsync(ContentKind.Subtitles, "application/x-subrip", Encoding.UTF8.GetBytes("1\n00:00:09,000 --> 00:00:01,000\nx\n"), "srt");

        Func<Task> act = () => new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("Cannot read subtitles from src: line 2: the cue ends*");
    }

    [Fact]
    public async Task TranscribeAsync_NoReadableText_ClearError()
    {
        AcquiredContent content = await StoreAsync(ContentKind.Article, "text/html", Encoding.UTF8.GetBytes("<html><body><script>x</script></body></html>"), "html");

        Func<Task> act = () => new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("No readable text found in src.");
    }

    [Fact]
    public async Task TranscribeAsync_AudioWithoutEndpoint_SaysHowToEnable()
    {
        AcquiredContent content = await StoreAsync(ContentKind.Audio, "audio/mpeg", [1, 2, 3], "mp3");
        await using ServiceProvider provider = TestServices.Build(configure: s => s.AddSingleton<IArtifactStore>(_store));

        Func<Task> act = () => provider.GetRequiredService<ITranscriber>().TranscribeAsync(content);

        await act.Should().ThrowAsync<PermanentFailureException>()
            .WithMessage("Audio needs a transcription endpoint: set Llm__Endpoint (see docs/configuration.md).");
    }

    [Fact]
    public async Task TranscribeAsync_AudioWithEndpoint_UsesSpeechToText()
    {
        AcquiredContent content = await StoreAsync(ContentKind.Audio, "audio/mpeg", [1, 2, 3], "mp3");
        var speech = new FakeSpeechToText("source");

        Transcript transcript = await new Transcriber(_store, speech).TranscribeAsync(content);

        transcript.FullText.Should().Be("heard 3 bytes of source.mp3 as audio/mpeg");
        transcript.Source.Should().Be("src");
        transcript.Title.Should().Be("title", "speech-to-text only sees the stored file, source.mp3; the acquired title is the user's");
    }

    [Fact]
    public async Task TranscribeAsync_FeedEpisode_KeepsTheEpisodeTitle()
    {
        var episode = new FeedEpisode("Show", "Ep 3", "g3", null, "https://x.example/t", "newest");
        AcquiredContent html = await StoreAsync(ContentKind.Article, "text/html", Encoding.UTF8.GetBytes("<html><head><title>Transcript</title></head><body><p>Said.</p></body></html>"), "html") with { Title = "Ep 3 — Show", Episode = episode };
        AcquiredContent audio = await StoreAsync(ContentKind.Audio, "audio/mpeg", [1, 2, 3], "mp3") with { Title = "Ep 3 — Show", Episode = episode };

        Transcript fromHtml = await new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(html);
        Transcript fromAudio = await new Transcriber(_store, new FakeSpeechToText("source")).TranscribeAsync(audio);

        fromHtml.Title.Should().Be("Ep 3 — Show");
        fromAudio.Title.Should().Be("Ep 3 — Show", "speech-to-text only knows the stored file's name");
    }

    [Fact]
    public async Task TranscribeAsync_TextInFrenchWithoutMetadata_LanguageDetected()
    {
        AcquiredContent content = await StoreAsync(ContentKind.PlainText, "text/plain", Encoding.UTF8.GetBytes(French), "txt");

        Transcript transcript = await new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        transcript.Language.Should().Be("fr");
    }

    [Fact]
    public async Task TranscribeAsync_DeclaredLanguage_WinsOverDetection()
    {
        AcquiredContent content = (await StoreAsync(ContentKind.PlainText, "text/plain", Encoding.UTF8.GetBytes(French), "txt")) with { Language = "de" };

        Transcript transcript = await new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        transcript.Language.Should().Be("de");
    }

    [Fact]
    public async Task TranscribeAsync_AudioTheEndpointHeardInGerman_ItsLanguageOverTheFeeds()
    {
        AcquiredContent content = (await StoreAsync(ContentKind.Audio, "audio/mpeg", new byte[64], "mp3")) with { Language = "en" };

        Transcript transcript = await new Transcriber(_store, new HeardIn("german")).TranscribeAsync(content);

        transcript.Language.Should().Be("de");
    }

    [Fact]
    public async Task TranscribeAsync_ShortTextWithoutMetadata_NoLanguage()
    {
        AcquiredContent content = await StoreAsync(ContentKind.PlainText, "text/plain", Encoding.UTF8.GetBytes("Berlin, 2024."), "txt");

        Transcript transcript = await new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        transcript.Language.Should().BeNull();
    }

    private const string French = "Le conseil municipal a approuvé le nouveau pont l'année dernière, et les travaux doivent commencer au printemps.\n\n"
        + "Les habitants qui vivent près de la rivière demandent depuis longtemps un second passage pour la ville.";

    // Speech-to-text that reports the language by name, as Whisper's verbose_json does.
    private sealed class HeardIn(string language) : ISpeechToText
    {
        public bool IsEnabled => true;

        public Task<Transcript> TranscribeAsync(ReadOnlyMemory<byte> audio, string fileName, string mediaType, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Transcript("t", fileName, [new TranscriptSegment("Guten Tag.")], Core.Text.LanguageTag.FromName(language)));
    }

    private async Task<AcquiredContent> StoreAsync(ContentKind kind, string mediaType, byte[] bytes, string ext)
    {
        ArtifactRef raw = await _store.PutAsync($"runs/t/source.{ext}", bytes, mediaType);
        return new AcquiredContent("src", kind, "title", mediaType, raw);
    }

    [Fact]
    public async Task TranscribeAsync_HtmlNestedTooDeep_RefusedNamingTheLimit()
    {
        string html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>x", 100_000));
        AcquiredContent content = await StoreAsync(ContentKind.Article, "text/html", Encoding.UTF8.GetBytes(html), "html");

        Func<Task> act = () => new Transcriber(_store, new DisabledSpeechToText()).TranscribeAsync(content);

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage($"Refused src: it nests HTML elements more than {HtmlTextExtractor.MaxDepth} deep.");
    }
}
