using System.Runtime.CompilerServices;
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

    // Enough segments of a cached transcript for the language detector (it reads at most LanguageDetector.MaxCharacters).
    private const int LanguageSampleSegments = 200;

    private ParseBudget Budget => budget ?? ParseBudget.Default;

    /// <inheritdoc />
    public async Task<Transcript> TranscribeAsync(AcquiredContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.TranscriptCached)
        {
            return TranscriptLanguage.Settle(content, await _cache.ReadAsync(content, cancellationToken));
        }

        Transcript transcript;
        if (content.Kind == ContentKind.Audio)
        {
            transcript = WithoutControlCharacters(await TranscribeAudioAsync(content, await store.GetAsync(content.Raw.Path, cancellationToken), cancellationToken));
        }
        else if (content.Kind == ContentKind.Article)
        {
            byte[] bytes = await store.GetAsync(content.Raw.Path, cancellationToken);
            transcript = WithoutControlCharacters(Budget.Run(content.Source, token => TranscribeArticle(content, TextDecoder.Decode(bytes, content.MediaType), token), cancellationToken));
        }
        else
        {
            DetectedEncoding encoding = await DetectAsync(content, cancellationToken);
            bool labelled = await IsLabelledAsync(content, encoding, cancellationToken);
            transcript = await ReadSourceAsync(
                content, encoding, (reader, token) => new Transcript(content.Title, content.Source, [.. TextSegments(content, reader, labelled, token)]), cancellationToken);
        }

        if (!transcript.Segments.Any(s => !string.IsNullOrWhiteSpace(s.Text)))
        {
            throw NoReadableText(content);
        }

        transcript = TranscriptLanguage.Settle(content, transcript);
        await _cache.StoreAsync(content, transcript, cancellationToken);
        return transcript;
    }

    /// <inheritdoc />
    /// <remarks>Subtitles, plain text and Markdown are read from the stored source, decoded, parsed and written one segment at a time (no
    /// copy of the content is held): a first pass tells the encoding, a second finds whether the document labels its speakers (it stops at
    /// the first name seen twice), a third writes the segments. Each pass is bounded by the parse budget, the second together with its writing.
    /// Audio and HTML are transcribed whole, as <see cref="TranscribeAsync"/> does, then written.</remarks>
    public async Task<StoredTranscript> TranscribeToAsync(AcquiredContent content, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Kind is ContentKind.Audio or ContentKind.Article)
        {
            // Whole, and from the cache when the tenant had this audio transcribed (with the language speech-to-text heard).
            return await TranscriptArtifact.WriteAsync(store, path, await TranscribeAsync(content, cancellationToken), cancellationToken);
        }

        if (content.TranscriptCached)
        {
            string cached = content.TranscriptCachePath ?? throw new ArgumentException("The content has no cached transcript.", nameof(content));
            var firstSegments = new List<TranscriptSegment>();
            await foreach (TranscriptSegment segment in TranscriptArtifact.ReadSegmentsAsync(store, cached, cancellationToken).Take(LanguageSampleSegments).WithCancellation(cancellationToken))
            {
                firstSegments.Add(segment);
            }

            return await TranscriptArtifact.WriteAsync(
                store, path, content.Title, content.Source, TranscriptArtifact.ReadSegmentsAsync(store, cached, cancellationToken), TranscriptLanguage.Settle(content, null, firstSegments), cancellationToken);
        }

        DetectedEncoding encoding = await DetectAsync(content, cancellationToken);
        bool labelled = await IsLabelledAsync(content, encoding, cancellationToken);
        string? language = await ReadSourceAsync(
            content, encoding, (reader, token) => TranscriptLanguage.Settle(content, null, TextSegments(content, reader, labelled, token)), cancellationToken);
        StoredTranscript stored = await Budget.RunAsync(
            content.Source,
            token => TranscriptArtifact.WriteAsync(store, path, content.Title, content.Source, TextSegmentsAsync(content, encoding, labelled, token), language, token),
            cancellationToken);

        if (content.TranscriptCachePath is { } cachePath)
        {
            await store.PutStreamAsync(
                cachePath,
                async (to, token) =>
                {
                    await using Stream from = await store.OpenReadAsync(path, token);
                    await from.CopyToAsync(to, token);
                },
                ArtifactStoreExtensions.JsonMediaType,
                cancellationToken);
        }

        return stored;
    }

    // Every later stage (analyses, prompts, the briefing, Discord, the terminal) reads the transcript: control characters
    // in the content (ESC sequences, BEL, NUL, C1) are dropped once, here, whatever format or speech-to-text produced it.
    private static Transcript WithoutControlCharacters(Transcript transcript) => transcript with
    {
        Title = ControlCharacters.StripToLine(transcript.Title),
        Segments = [.. transcript.Segments.Select(WithoutControlCharacters)],
    };

    private static TranscriptSegment WithoutControlCharacters(TranscriptSegment segment) => segment with
    {
        Text = ControlCharacters.Strip(segment.Text),
        Speaker = segment.Speaker is null ? null : ControlCharacters.StripToLine(segment.Speaker),
    };

    private static PermanentFailureException NoReadableText(AcquiredContent content) => new($"No readable text found in {content.Source}.");

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

    private static Transcript TranscribeArticle(AcquiredContent content, string text, CancellationToken cancellationToken)
    {
        HtmlText html = HtmlTextExtractor.Extract(text, cancellationToken);
        return new Transcript(
            (content.Episode is null ? html.Title : null) ?? content.Title, content.Source, SpeakerPrefixes.Apply([.. html.Blocks.Select(b => new TranscriptSegment(b))]));
    }

    // The stored text's encoding, told by reading it through once (TextDecoder.DetectAsync), as acquiring it did.
    private async Task<DetectedEncoding> DetectAsync(AcquiredContent content, CancellationToken cancellationToken)
    {
        await using Stream stream = await store.OpenReadAsync(content.Raw.Path, cancellationToken);
        return await TextDecoder.DetectAsync(stream, content.MediaType, cancellationToken);
    }

    // One reading pass over the stored text, decoded as it is read, within the parse budget.
    private async Task<T> ReadSourceAsync<T>(AcquiredContent content, DetectedEncoding encoding, Func<TextReader, CancellationToken, T> read, CancellationToken cancellationToken)
    {
        using TextReader reader = TextDecoder.OpenReader(await store.OpenReadAsync(content.Raw.Path, cancellationToken), encoding);
        return Budget.Run(content.Source, token => read(reader, token), cancellationToken);
    }

    // The first reading pass: whether the document labels its speakers (SpeakerPrefixes needs that before it can label any segment).
    private Task<bool> IsLabelledAsync(AcquiredContent content, DetectedEncoding encoding, CancellationToken cancellationToken) =>
        ReadSourceAsync(content, encoding, (reader, token) => SpeakerPrefixes.IsLabelled(ParsedSegments(content, reader, token)), cancellationToken);

    // TextSegments over the stored text, opened again each time it is enumerated (see IArtifactStore.PutStreamAsync).
    private async IAsyncEnumerable<TranscriptSegment> TextSegmentsAsync(
        AcquiredContent content, DetectedEncoding encoding, bool labelled, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using TextReader reader = TextDecoder.OpenReader(await store.OpenReadAsync(content.Raw.Path, cancellationToken), encoding);
        foreach (TranscriptSegment segment in TextSegments(content, reader, labelled, cancellationToken))
        {
            yield return segment;
        }
    }

    // Subtitles, plain text or Markdown as clean segments, parsed as they are enumerated; throws at the end when no segment has readable text.
    private static IEnumerable<TranscriptSegment> TextSegments(AcquiredContent content, TextReader reader, bool labelled, CancellationToken cancellationToken)
    {
        bool readable = false;
        foreach (TranscriptSegment segment in SpeakerPrefixes.Apply(ParsedSegments(content, reader, cancellationToken), labelled))
        {
            TranscriptSegment clean = WithoutControlCharacters(segment);
            readable |= !string.IsNullOrWhiteSpace(clean.Text);
            yield return clean;
        }

        if (!readable)
        {
            throw NoReadableText(content);
        }
    }

    private static IEnumerable<TranscriptSegment> ParsedSegments(AcquiredContent content, TextReader reader, CancellationToken cancellationToken) =>
        content.Kind == ContentKind.Subtitles
            ? Subtitles(content, reader, cancellationToken)
            : PlainTextParser.Read(reader, markdown: content.Kind == ContentKind.Markdown, cancellationToken);

    private static IEnumerable<TranscriptSegment> Subtitles(AcquiredContent content, TextReader reader, CancellationToken cancellationToken)
    {
        using IEnumerator<TranscriptSegment> segments = SubtitleParser.Read(reader, cancellationToken).GetEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = segments.MoveNext();
            }
            catch (FormatException ex)
            {
                throw new PermanentFailureException($"Cannot read subtitles from {content.Source}: {ex.Message}.", ex);
            }

            if (!more)
            {
                yield break;
            }

            yield return segments.Current;
        }
    }
}
