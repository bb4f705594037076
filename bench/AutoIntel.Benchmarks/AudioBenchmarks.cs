using AutoIntel.Ingestion.Transcription;
using AutoIntel.TestKit;
using BenchmarkDotNet.Attributes;

namespace AutoIntel.Benchmarks;

/// <summary>Stage 3's long-audio path: cutting an hour of audio into transcription-sized pieces (the split runs once per run, in SplitAudio).</summary>
[MemoryDiagnoser]
public class AudioBenchmarks
{
    private const long PieceBytes = 20L * 1024 * 1024;
    private const long MaxUploadBytes = 25L * 1024 * 1024;
    private byte[] _mp3Hour = null!;
    private byte[] _wavHour = null!;

    [GlobalSetup]
    public void Setup()
    {
        // 128 kbit/s, 44.1 kHz MPEG-1 Layer III: 1,152 samples per frame, so an hour is ~137,800 frames (~55 MiB).
        _mp3Hour = SyntheticAudio.Mp3((int)(3600 * 44_100 / 1152.0));

        // 16 kHz mono 16-bit PCM, the rate speech models resample to: an hour is ~110 MiB.
        _wavHour = SyntheticAudio.Wav(3600 * 16_000);
    }

    [Benchmark(Description = "split 1 h of 128 kbit/s MP3 (~55 MiB) into 20 MiB pieces")]
    public int SplitMp3Hour() => AudioSplitter.Split(_mp3Hour, "audio/mpeg", "bench.mp3", PieceBytes, MaxUploadBytes).Count;

    [Benchmark(Description = "split 1 h of 16 kHz mono WAV (~110 MiB) into 20 MiB pieces")]
    public int SplitWavHour() => AudioSplitter.Split(_wavHour, "audio/wav", "bench.wav", PieceBytes, MaxUploadBytes).Count;
}
