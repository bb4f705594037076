using AutoIntel.Core;
using AutoIntel.Ingestion.Transcription;
using AutoIntel.TestKit;

namespace AutoIntel.Ingestion.Tests.Transcription;

public sealed class AudioSplitterTests
{
    private const long Limit = 25L * 1024 * 1024;

    [Fact]
    public void Split_Mp3OverPieceSize_CutsAtFrameBoundariesKeepingEveryFrameOnce()
    {
        byte[] mp3 = SyntheticAudio.Mp3(100);

        var pieces = AudioSplitter.Split(mp3, "audio/mpeg", "talk.mp3", 16384, Limit);

        pieces.Should().HaveCount(3);
        pieces.Should().OnlyContain(p => p.Bytes.Length <= 16384);
        pieces.SelectMany(p => p.Bytes.ToArray()).Should().Equal(mp3, "pieces hold every frame exactly once, in order");
        pieces.Select(p => p.Index).Should().Equal(0, 1, 2);
        foreach (var piece in pieces)
        {
            FramesOf(piece.Bytes.ToArray()).Sum(f => f.Length).Should().Be(piece.Bytes.Length, "a piece starts and ends on a frame boundary");
        }
    }

    [Fact]
    public void Split_Mp3_StartOffsetsCountTheSamplesOfEarlierPieces()
    {
        byte[] mp3 = SyntheticAudio.Mp3(100);

        var pieces = AudioSplitter.Split(mp3, "audio/mpeg", "talk.mp3", 16384, Limit);

        var framesBefore = 0;
        foreach (var piece in pieces)
        {
            var frames = FramesOf(piece.Bytes.ToArray()).Count;
            piece.Start.Should().Be(TimeSpan.FromTicks(framesBefore * 1152L * TimeSpan.TicksPerSecond / 44100));
            piece.Duration.Should().Be(TimeSpan.FromTicks(((framesBefore + frames) * 1152L * TimeSpan.TicksPerSecond / 44100) - piece.Start.Ticks));
            framesBefore += frames;
        }

        framesBefore.Should().Be(100);
    }

    [Fact]
    public void Split_Mp3WithId3v2AndXingFrame_LeavesBothOutAndDoesNotCountTheXingFrameAsTime()
    {
        byte[] frames = SyntheticAudio.Mp3(60);
        byte[] mp3 = [.. SyntheticAudio.Id3v2(5000), .. SyntheticAudio.XingFrame(), .. frames];

        var pieces = AudioSplitter.Split(mp3, "audio/mpeg", "talk.mp3", 8192, Limit);

        pieces.SelectMany(p => p.Bytes.ToArray()).Should().Equal(frames);
        pieces[0].Start.Should().Be(TimeSpan.Zero);
        pieces[1].Start.Should().Be(TimeSpan.FromTicks(FramesOf(pieces[0].Bytes.ToArray()).Count * 1152L * TimeSpan.TicksPerSecond / 44100));
    }

    [Fact]
    public void Split_Mp3WithInfoFrame_LeavesItOut()
    {
        byte[] frames = SyntheticAudio.Mp3(30);

        byte[] mp3 = [.. SyntheticAudio.XingFrame("Info"), .. frames];

        var pieces = AudioSplitter.Split(mp3, "audio/mpeg", "a.mp3", 4096, Limit);

        pieces.SelectMany(p => p.Bytes.ToArray()).Should().Equal(frames);
    }

    [Fact]
    public void Split_Mp3WithGarbageBetweenFrames_ResyncsAndDropsOnlyTheGarbage()
    {
        byte[] a = SyntheticAudio.Mp3(20);
        byte[] b = SyntheticAudio.Mp3(20);
        // Garbage with a sync-looking pair (FF FB) whose "frame" is not followed by another: must not be taken for audio.
        byte[] garbage = [0x00, 0x12, 0xFF, 0xFB, 0x90, 0x44, 0x01, 0x02, 0xFF, 0x00, 0x33];
        byte[] trailer = [.. "TAG"u8, .. new byte[125]]; // an ID3v1 tag at the end

        byte[] mp3 = [.. a, .. garbage, .. b, .. trailer];

        var pieces = AudioSplitter.Split(mp3, "audio/mpeg", "a.mp3", 4096, Limit);

        pieces.SelectMany(p => p.Bytes.ToArray()).Should().Equal([.. a, .. b]);
        pieces[^1].Start.Should().BeGreaterThan(TimeSpan.Zero);
        (pieces[^1].Start + pieces[^1].Duration!.Value).Should().Be(TimeSpan.FromTicks(40 * 1152L * TimeSpan.TicksPerSecond / 44100));
    }

    [Theory]
    [InlineData(2, 22050, 64, false)]
    [InlineData(25, 8000, 32, true)]
    [InlineData(1, 32000, 320, true)]
    public void Split_Mpeg2And25AndMono_UseTheirFrameLengthsAndSampleCounts(int version, int sampleRate, int bitrate, bool mono)
    {
        int samplesPerFrame = version == 1 ? 1152 : 576;
        byte[] mp3 = [.. Enumerable.Range(0, 80).SelectMany(i => SyntheticAudio.Mp3Frame(bitrate, sampleRate, padding: i % 2 == 0, fill: 7, version: version, mono: mono))];

        var pieces = AudioSplitter.Split(mp3, "audio/mp3", "a.mp3", 4096, Limit);

        pieces.Count.Should().BeGreaterThan(1);
        pieces.SelectMany(p => p.Bytes.ToArray()).Should().Equal(mp3);
        var end = pieces[^1].Start + pieces[^1].Duration!.Value;
        end.Should().Be(TimeSpan.FromTicks(80L * samplesPerFrame * TimeSpan.TicksPerSecond / sampleRate));
    }

    [Fact]
    public void Split_UnderPieceSize_IsOneUnchangedPiece()
    {
        byte[] mp3 = [.. SyntheticAudio.Id3v2(100), .. SyntheticAudio.Mp3(5)];

        var pieces = AudioSplitter.Split(mp3, "audio/mpeg", "a.mp3", 16384, Limit);

        pieces.Should().ContainSingle().Which.Bytes.ToArray().Should().Equal(mp3);
        pieces[0].Duration.Should().BeNull();
    }

    [Fact]
    public void Split_Wav_CutsAtBlockBoundariesWithAHeaderPerPiece()
    {
        byte[] wav = SyntheticAudio.Wav(sampleFrames: 10_000, sampleRate: 16000, channels: 2, bitsPerSample: 16);

        var pieces = AudioSplitter.Split(wav, "audio/wav", "a.wav", 8192, Limit);

        pieces.Should().HaveCount(5);
        pieces.Should().OnlyContain(p => p.Bytes.Length <= 8192);
        pieces.SelectMany(p => p.Bytes.ToArray()[44..]).Should().Equal(wav[44..], "the data of the pieces is the original data");
        foreach (var piece in pieces)
        {
            var bytes = piece.Bytes.ToArray();
            bytes[..4].Should().Equal("RIFF"u8.ToArray());
            BitConverter.ToUInt32(bytes, 4).Should().Be((uint)(bytes.Length - 8));
            bytes[12..36].Should().Equal(wav[12..36], "the fmt chunk is copied");
            BitConverter.ToUInt32(bytes, 40).Should().Be((uint)(bytes.Length - 44));
            ((bytes.Length - 44) % 4).Should().Be(0, "a piece holds whole sample frames");
        }

        pieces[1].Start.Should().Be(TimeSpan.FromTicks((pieces[0].Bytes.Length - 44) / 4 * TimeSpan.TicksPerSecond / 16000));
        (pieces[^1].Start + pieces[^1].Duration!.Value).Should().Be(TimeSpan.FromSeconds(10_000 / 16000.0));
    }

    [Fact]
    public void Split_WavWithExtraChunksAndOddBlockAlign_KeepsDataAndPadsOddPieces()
    {
        byte[] canonical = SyntheticAudio.Wav(sampleFrames: 9_001, sampleRate: 8000, channels: 3, bitsPerSample: 8);
        byte[] list = [.. "LIST"u8, 5, 0, 0, 0, 1, 2, 3, 4, 5, 0];
        byte[] wav = [.. canonical[..36], .. list, .. canonical[36..]];

        var pieces = AudioSplitter.Split(wav, "audio/x-wav", "a.wav", 4096, Limit);

        var data = pieces.SelectMany(p =>
        {
            var bytes = p.Bytes.ToArray();
            return bytes.AsSpan(44, (int)BitConverter.ToUInt32(bytes, 40)).ToArray();
        });
        data.Should().Equal(canonical[44..]);
        pieces.Should().OnlyContain(p => p.Bytes.Length % 2 == 0, "RIFF chunks are padded to even length");
    }

    [Theory]
    [InlineData("audio/mp4", "a.m4a", "M4A/MP4")]
    [InlineData("audio/ogg", "a.ogg", "Ogg")]
    [InlineData("audio/flac", "a.flac", "FLAC")]
    public void Split_UnsplittableFormatOverTheUploadLimit_RefusesNamingWhatCanBeSplit(string mediaType, string name, string format)
    {
        byte[] audio = new byte[30_000];

        var act = () => AudioSplitter.Split(audio, mediaType, name, 8192, 20_000);

        act.Should().Throw<PermanentFailureException>()
            .WithMessage($"Cannot transcribe {name}: *{format} audio*only MP3 and WAV (PCM) can be split*Convert it to MP3*subtitles*");
    }

    [Fact]
    public void Split_UnsplittableFormatUnderTheUploadLimit_IsSentWhole()
    {
        byte[] audio = new byte[15_000];

        var pieces = AudioSplitter.Split(audio, "audio/mp4", "a.m4a", 8192, 20_000);

        pieces.Should().ContainSingle().Which.Bytes.Length.Should().Be(15_000);
    }

    [Fact]
    public void Split_Mp3WithNoFramesOverTheLimit_RefusesSayingWhy()
    {
        var act = () => AudioSplitter.Split(new byte[30_000], "audio/mpeg", "noise.mp3", 8192, 20_000);

        act.Should().Throw<PermanentFailureException>().WithMessage("*noise.mp3*no MPEG Layer III frames*");
    }

    private static List<(int Offset, int Length)> FramesOf(byte[] bytes)
    {
        var frames = new List<(int, int)>();
        for (int pos = 0; pos < bytes.Length;)
        {
            var b2 = bytes[pos + 2];
            bytes[pos].Should().Be(0xFF, $"a frame starts at {pos}");
            var length = (144 * 128000 / 44100) + ((b2 >> 1) & 1);
            frames.Add((pos, length));
            pos += length;
        }

        return frames;
    }
}
