using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;
using AutoIntel.Ingestion.Transcription;
using AutoIntel.Storage;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion;

/// <summary>Turns the stored raw artifact into a transcript: subtitles parsed, HTML made readable, text split into paragraphs, audio sent to speech-to-text;
/// speakers come from WebVTT voices, "Name:" labels (<see cref="SpeakerPrefixes"/>) or a diarizing transcription model.</summary>
/// <remarks>Text is parsed within <paramref name="budget"/> (the fetch timeout); a page nested too deep or too slow to read is refused.
/// Content the tenant already had transcribed is read from the <see cref="TranscriptCache"/>, and new audio and video transcripts are added to it.</remarks>
public sealed class Transcriber(IArtifactStore store, ISpeechToText speechToText, IOptions<TranscriptionOptions>? options = null, ParseBudget? budget = null) : ITranscriber
{
    private readonly TranscriptCache _cache = new(store);

    /// <inheritdoc />
    public async Task<Transcript> TranscribeAsync(AcquiredContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.TranscriptCached)
        {
            return TranscriptLanguage.Settle(content, await _cache.ReadAsync(content, cancellationToken));
        }

        byte[] bytes = await store.GetAsync(content.Raw.Path, cancellationToken);

        Transcript transcript = WithoutControlCharacters(content.Kind == ContentKind.Audio
            ? await TranscribeAudioAsync(content, bytes, cancellationToken)
            : (budget ?? ParseBudget.Default).Run(content.Source, token => TranscribeText(content, TextDecoder.Decode(bytes, content.MediaType), token), cancellationToken));

        if (!transcript.Segments.Any(s => !string.IsNullOrWhiteSpace(s.Text)))
        {
            throw new PermanentFailureException($"No readable text found in {content.Source}.");
        }

        transcript = TranscriptLanguage.Settle(content, transcript);
        await _cache.StoreAsync(content, transcript, cancellationToken);
        return transcript;
    }

    // Every later stage (analyses, prompts, the briefing, Discord, the terminal) reads the transcript: control characters
    // in the content (ESC sequences, BEL, NUL, C1) are dropped once, here, whatever format or speech-to-text produced it.
    private static Transcript WithoutControlCharacters(Transcript transcript) => transcript with
    {
        Title = ControlCharacters.StripToLine(transcript.Title),
        Segments = [.. transcript.Segments.Select(s => s with
        {
            Text = ControlCharacters.Strip(s.Text),
            Speaker = s.Speaker is null ? null : ControlCharacters.StripToLine(s.Speaker),
        })],
    };

    private async Task<Transcript> TranscribeAudioAsync(AcquiredContent content, byte[] bytes, CancellationToken cancellationToken)
    {
        if (!speechToText.IsEnabled)
        {
            throw new PermanentFailureException(DisabledSpeechToText.Message);
        }

        string fileName = content.Raw.Path[(content.Raw.Path.LastIndexOf('/') + 1)..];
        long maxUpload = (options?.Value ?? new TranscriptionOptions()).MaxUploadBytes;
        if (bytes.Length > maxUpload)
        {
            // Refuse before uploading: the endpoint would answer 413 after the whole file went over the wire.
            throw new PermanentFailureException(
                $"Cannot transcribe {content.Source}: it is {AudioSplitter.Describe(bytes.Length)}, over the {AudioSplitter.Describe(maxUpload)} one transcription request may carry. " +
                $"Runs started now split {AudioSplitter.SplittableFormats} audio into pieces; start this one again.");
        }

        Transcript heard = await speechToText.TranscribeAsync(bytes, fileName, ContentTypes.BaseMediaType(content.MediaType), cancellationToken);
        return heard with
        {
            // Speech-to-text only knows the stored file's name ("source"); the acquired title is the user's file name,
            // the link's last segment or, for a feed, the episode.
            Title = content.Title,
            Source = content.Source,
        };
    }

    private static Transcript TranscribeText(AcquiredContent content, string text, CancellationToken cancellationToken)
    {
        switch (content.Kind)
        {
            case ContentKind.Subtitles:
                try
                {
                    return new Transcript(content.Title, content.Source, SpeakerPrefixes.Apply(SubtitleParser.Parse(text, cancellationToken)));
                }
                catch (FormatException ex)
                {
                    throw new PermanentFailureException($"Cannot read subtitles from {content.Source}: {ex.Message}.", ex);
                }

            case ContentKind.Article:
                HtmlText html = HtmlTextExtractor.Extract(text, cancellationToken);
                return new Transcript(
                    (content.Episode is null ? html.Title : null) ?? content.Title, content.Source, SpeakerPrefixes.Apply([.. html.Blocks.Select(b => new TranscriptSegment(b))]));

            default:
                return new Transcript(content.Title, content.Source, SpeakerPrefixes.Apply(PlainTextParser.Parse(text, markdown: content.Kind == ContentKind.Markdown, cancellationToken)));
        }
    }
}
