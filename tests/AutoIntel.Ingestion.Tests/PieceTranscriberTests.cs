using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Tests;

public sealed class PieceTranscriberTests
{
    private readonly InMemoryArtifactStore _store = new();
    private readonly CountingSpeechToText _speech = new();

    [Fact]
    public async Task SplitTranscribeMerge_Mp3_TimesShiftedByPieceStartsInOrder()
    {
        var pieces = Create(pieceBytes: 8192);
        var content = await StoreAsync(SyntheticAudio.Mp3(50), "audio/mpeg", "mp3");

        var stored = await pieces.SplitAsync(content, (i, ext) => $"runs/t/audio/{i}.{ext}");
        var transcripts = new List<PieceTranscriptRef>();
        foreach (var piece in stored.Reverse())
        {
            transcripts.Add(await pieces.TranscribePieceAsync(piece, $"runs/t/audio/{piece.Index}.json"));
        }

        var merged = await pieces.MergeAsync(content, transcripts);

        pieces.NeedsPieces(content).Should().BeTrue();
        stored.Should().HaveCount(3);
        stored.Select(p => p.Audio.Path).Should().Equal("runs/t/audio/0.mp3", "runs/t/audio/1.mp3", "runs/t/audio/2.mp3");
        merged.Segments.Select(s => s.Text).Should().Equal(stored.Select(p => $"heard {p.Index}.mp3"));
        merged.Segments.Select(s => s.Start).Should().Equal(stored.Select(p => (TimeSpan?)p.Start));
        merged.Segments.Select(s => s.End).Should().Equal(stored.Select(p => (TimeSpan?)(p.Start + TimeSpan.FromSeconds(1))));
        merged.Title.Should().Be("title");
        merged.Source.Should().Be("src");
    }

    [Fact]
    public async Task Merge_DiarizedPieces_EachLabelNamesItsPiece()
    {
        _speech.Speaker = "Speaker A";
        var pieces = Create(pieceBytes: 8192);
        var content = await StoreAsync(SyntheticAudio.Mp3(50), "audio/mpeg", "mp3");
        var stored = await pieces.SplitAsync(content, (i, ext) => $"runs/t/audio/{i}.{ext}");
        var transcripts = new List<PieceTranscriptRef>();
        foreach (var piece in stored)
        {
            transcripts.Add(await pieces.TranscribePieceAsync(piece, $"runs/t/audio/{piece.Index}.json"));
        }

        var merged = await pieces.MergeAsync(content, transcripts);

        merged.Segments.Select(s => s.Speaker).Should().Equal("Speaker A (part 1)", "Speaker A (part 2)", "Speaker A (part 3)");
    }

    [Fact]
    public async Task TranscribePieceAsync_TranscriptAlreadyStored_ReusedWithoutCallingTheEndpoint()
    {
        var pieces = Create(pieceBytes: 8192);
        var content = await StoreAsync(SyntheticAudio.Mp3(50), "audio/mpeg", "mp3");
        var piece = (await pieces.SplitAsync(content, (i, ext) => $"runs/t/audio/{i}.{ext}"))[1];

        var first = await pieces.TranscribePieceAsync(piece, "runs/t/audio/1.json");
        var again = await pieces.TranscribePieceAsync(piece, "runs/t/audio/1.json");

        again.Should().Be(first);
        _speech.Calls.Should().Be(1);
    }

    [Fact]
    public async Task SplitAsync_UnsplittableUnderTheUploadLimit_IsTheRawArtifactItself()
    {
        var pieces = Create(pieceBytes: 4096, maxUploadBytes: 10_000);
        var content = await StoreAsync(new byte[6000], "audio/mp4", "m4a");

        var stored = await pieces.SplitAsync(content, (i, ext) => $"runs/t/audio/{i}.{ext}");

        stored.Should().Equal(new AudioPieceRef(0, content.Raw, TimeSpan.Zero));
        (await _store.ListAsync("runs/t/audio/")).Should().BeEmpty();
    }

    [Fact]
    public async Task SplitAsync_SpeechToTextDisabled_RefusesBeforeSplitting()
    {
        var pieces = new PieceTranscriber(_store, new DisabledSpeechToText(), Options.Create(new TranscriptionOptions { PieceBytes = 4096 }));
        var content = await StoreAsync(SyntheticAudio.Mp3(50), "audio/mpeg", "mp3");

        var act = () => pieces.SplitAsync(content, (i, ext) => $"runs/t/audio/{i}.{ext}");

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage(DisabledSpeechToText.Message);
    }

    [Fact]
    public async Task NeedsPieces_SmallAudioOrText_False()
    {
        var pieces = Create(pieceBytes: 8192);

        pieces.NeedsPieces(await StoreAsync(new byte[8192], "audio/mpeg", "mp3")).Should().BeFalse();
        pieces.NeedsPieces(new AcquiredContent("s", ContentKind.PlainText, "t", "text/plain", new ArtifactRef("x", 100_000, "text/plain"))).Should().BeFalse();
    }

    private PieceTranscriber Create(long pieceBytes, long maxUploadBytes = 25L * 1024 * 1024) =>
        new(_store, _speech, Options.Create(new TranscriptionOptions { PieceBytes = pieceBytes, MaxUploadBytes = maxUploadBytes }));

    private async Task<AcquiredContent> StoreAsync(byte[] bytes, string mediaType, string ext)
    {
        ArtifactRef raw = await _store.PutAsync($"runs/t/source.{ext}", bytes, mediaType);
        return new AcquiredContent("src", ContentKind.Audio, "title", mediaType, raw);
    }

    private sealed class CountingSpeechToText : ISpeechToText
    {
        private int _calls;

        public int Calls => _calls;

        public bool IsEnabled => true;

        /// <summary>The speaker a diarizing model would give every segment; null for one that does not diarize.</summary>
        public string? Speaker { get; set; }

        public Task<Transcript> TranscribeAsync(ReadOnlyMemory<byte> audio, string fileName, string mediaType, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new Transcript("ignored", fileName, [new TranscriptSegment($"heard {fileName}", TimeSpan.Zero, TimeSpan.FromSeconds(1), Speaker)]));
        }
    }
}
