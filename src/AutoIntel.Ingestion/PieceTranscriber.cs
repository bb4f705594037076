using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Core.Serialization;
using AutoIntel.Ingestion.Transcription;
using AutoIntel.Storage;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion;

/// <summary>Transcribes long audio in pieces: split and store the pieces, transcribe each on its own, merge the piece transcripts in order.</summary>
/// <remarks>Each step is idempotent (pieces are cut the same way every time; a piece transcript already stored is reused), so a step
/// repeated after a crash never pays for a piece twice.</remarks>
public sealed class PieceTranscriber(IArtifactStore store, ISpeechToText speechToText, IOptions<TranscriptionOptions> options)
{
    private readonly TranscriptionOptions _options = options.Value;
    private readonly TranscriptCache _cache = new(store);

    /// <summary>Whether <paramref name="content"/> is audio too large for one request under <see cref="TranscriptionOptions.PieceBytes"/>.</summary>
    public bool NeedsPieces(AcquiredContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Kind == ContentKind.Audio && content.Raw.Bytes > _options.PieceBytes;
    }

    /// <summary>Splits the raw audio (<see cref="AudioSplitter"/>) and stores piece <c>i</c> at <paramref name="piecePath"/>(i, extension).</summary>
    /// <remarks>Audio that cannot be split but fits in one request becomes one piece: the raw artifact itself, not a copy.</remarks>
    public async Task<IReadOnlyList<AudioPieceRef>> SplitAsync(AcquiredContent content, Func<int, string, string> piecePath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(piecePath);
        if (!speechToText.IsEnabled)
        {
            throw new PermanentFailureException(DisabledSpeechToText.Message);
        }

        byte[] audio = await store.GetAsync(content.Raw.Path, cancellationToken);
        IReadOnlyList<AudioPiece> pieces = AudioSplitter.Split(audio, content.MediaType, content.Source, _options.PieceBytes, _options.MaxUploadBytes);
        if (pieces is [{ Duration: null }])
        {
            return [new AudioPieceRef(0, content.Raw, TimeSpan.Zero)];
        }

        string extension = ContentTypes.StorageExtension(ContentKind.Audio, content.MediaType);
        var stored = new AudioPieceRef[pieces.Count];
        for (int i = 0; i < pieces.Count; i++)
        {
            ArtifactRef piece = await store.PutAsync(piecePath(i, extension), pieces[i].Bytes, ContentTypes.BaseMediaType(content.MediaType), cancellationToken);
            stored[i] = new AudioPieceRef(i, piece, pieces[i].Start);
        }

        return stored;
    }

    /// <summary>Transcribes one stored piece and stores its transcript (times relative to the piece) at <paramref name="transcriptPath"/>,
    /// unless a transcript is already stored there.</summary>
    public async Task<PieceTranscriptRef> TranscribePieceAsync(AudioPieceRef piece, string transcriptPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(piece);
        // One read rather than an existence check and then a read (two requests per piece on Azure Blob); null when absent.
        if ((await store.GetVersionedAsync(transcriptPath, cancellationToken))?.Content is { } json)
        {
            // An earlier attempt finished the (paid) call but crashed before the history recorded it.
            Transcript earlier = JsonSerializer.Deserialize<Transcript>(json, AutoIntelJson.Options)
                ?? throw new InvalidDataException($"{transcriptPath} holds no transcript.");
            return new PieceTranscriptRef(piece.Index, piece.Start, new ArtifactRef(transcriptPath, json.Length, ArtifactStoreExtensions.JsonMediaType), earlier.Segments.Count);
        }

        if (piece.Audio.Bytes > _options.MaxUploadBytes)
        {
            throw new PermanentFailureException(
                $"Audio piece {piece.Index} is {AudioSplitter.Describe(piece.Audio.Bytes)}, over the {AudioSplitter.Describe(_options.MaxUploadBytes)} a transcription request may carry; lower Transcription__PieceBytes.");
        }

        byte[] audio = await store.GetAsync(piece.Audio.Path, cancellationToken);
        Transcript heard = await speechToText.TranscribeAsync(audio, FileName(piece.Audio.Path), piece.Audio.MediaType, cancellationToken);
        ArtifactRef stored = await store.PutJsonAsync(transcriptPath, heard, cancellationToken);
        return new PieceTranscriptRef(piece.Index, piece.Start, stored, heard.Segments.Count);
    }

    /// <summary>Joins the piece transcripts in piece order, shifting each segment's times by its piece's start; caches the result for the tenant
    /// (<see cref="AcquiredContent.TranscriptCachePath"/>).</summary>
    public async Task<Transcript> MergeAsync(AcquiredContent content, IReadOnlyList<PieceTranscriptRef> pieces, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(pieces);
        var segments = new List<TranscriptSegment>();
        var languages = new List<string?>();
        foreach (PieceTranscriptRef piece in pieces.OrderBy(p => p.Index))
        {
            Transcript part = await store.GetJsonAsync<Transcript>(piece.Transcript.Path, cancellationToken);
            languages.Add(part.Language);
            // A diarizing model labels each piece on its own ("Speaker A" of one piece need not be "Speaker A" of the next),
            // so with several pieces a label names its piece rather than claim an identity nobody established.
            segments.AddRange(part.Segments.Select(s => s with
            {
                Start = s.Start + piece.Start,
                End = s.End + piece.Start,
                Speaker = s.Speaker is null || pieces.Count == 1 ? s.Speaker : $"{s.Speaker} (part {piece.Index + 1})",
            }));
        }

        if (!segments.Any(s => !string.IsNullOrWhiteSpace(s.Text)))
        {
            throw new PermanentFailureException($"No readable text found in {content.Source}.");
        }

        var transcript = TranscriptLanguage.Settle(content, new Transcript(content.Title, content.Source, segments, TranscriptLanguage.OfPieces(languages)));
        await _cache.StoreAsync(content, transcript, cancellationToken);
        return transcript;
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
