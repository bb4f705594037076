using System.Globalization;
using AutoIntel.Core;

namespace AutoIntel.Ingestion.Transcription;

/// <summary>Cuts long audio into pieces a transcription endpoint accepts: MP3 at frame boundaries, WAV at sample-frame boundaries,
/// each piece a playable file with the time it starts at, so piece transcripts can be shifted and joined.</summary>
/// <remarks>
/// Every audio frame of the original lands in exactly one piece, in order. An ID3v2 tag, a Xing/Info/VBRI header frame and bytes
/// that are not frames are left out. Other formats (M4A/MP4, Ogg/Opus, FLAC, WebM, AAC) are sent whole when they fit under the
/// endpoint's limit and refused otherwise, because cutting their containers safely needs a demuxer.
/// </remarks>
public static class AudioSplitter
{
    /// <summary>The formats that can be split, for messages.</summary>
    public const string SplittableFormats = "MP3 and WAV (PCM)";

    private static readonly HashSet<string> Mp3Types = new(StringComparer.OrdinalIgnoreCase) { "audio/mpeg", "audio/mp3", "audio/mpga", "audio/x-mpeg" };
    private static readonly HashSet<string> WavTypes = new(StringComparer.OrdinalIgnoreCase) { "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave" };

    /// <summary>Whether audio of this media type can be split into pieces.</summary>
    public static bool CanSplit(string mediaType) => Mp3Types.Contains(ContentTypes.BaseMediaType(mediaType)) || WavTypes.Contains(ContentTypes.BaseMediaType(mediaType));

    /// <summary>Splits <paramref name="audio"/> into pieces of at most <paramref name="maxPieceBytes"/>; audio that already fits is one piece, unchanged.</summary>
    /// <param name="audio">The whole file.</param>
    /// <param name="mediaType">Its media type (decides the format).</param>
    /// <param name="name">What to call it in messages.</param>
    /// <param name="maxPieceBytes">The largest piece.</param>
    /// <param name="maxUploadBytes">The largest file the endpoint accepts: audio that cannot be split is sent whole up to this size.</param>
    /// <exception cref="PermanentFailureException">The audio is too large and cannot be split.</exception>
    public static IReadOnlyList<AudioPiece> Split(ReadOnlyMemory<byte> audio, string mediaType, string name, long maxPieceBytes, long maxUploadBytes)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPieceBytes, 4096);
        if (audio.Length <= maxPieceBytes)
        {
            return [new AudioPiece(0, audio, TimeSpan.Zero, null)];
        }

        string type = ContentTypes.BaseMediaType(mediaType);
        (IReadOnlyList<AudioPiece>? pieces, string format, string? problem) = type switch
        {
            _ when Mp3Types.Contains(type) => SplitMp3(audio, maxPieceBytes),
            _ when WavTypes.Contains(type) => SplitWav(audio, maxPieceBytes),
            _ => (null, FormatName(type), null),
        };

        if (pieces is not null)
        {
            return pieces;
        }

        if (audio.Length <= maxUploadBytes)
        {
            return [new AudioPiece(0, audio, TimeSpan.Zero, null)];
        }

        string why = problem is null
            ? $"only {SplittableFormats} can be split into pieces"
            : $"it cannot be split into pieces ({problem})";
        throw new PermanentFailureException(
            $"Cannot transcribe {name}: it is {Describe(audio.Length)} of {format} audio, over the {Describe(maxUploadBytes)} a transcription request may carry, and {why}. " +
            "Convert it to MP3 (e.g. ffmpeg -i input -ac 1 -b:a 64k output.mp3) or WAV, or give subtitles or a transcript instead.");
    }

    /// <summary>A byte count for messages, e.g. "30 MiB" or "1.5 MiB".</summary>
    public static string Describe(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    private static (IReadOnlyList<AudioPiece>?, string, string?) SplitMp3(ReadOnlyMemory<byte> audio, long maxPieceBytes)
    {
        (List<Mp3Frames.Frame> frames, _) = Mp3Frames.Find(audio.Span);
        if (frames.Count == 0)
        {
            return (null, "MP3", "no MPEG Layer III frames with a known bitrate were found; free-format MP3 is not supported");
        }

        var pieces = new List<AudioPiece>();
        var clock = new Clock();
        int first = 0;
        while (first < frames.Count)
        {
            long bytes = 0;
            int end = first;
            while (end < frames.Count && (end == first || bytes + frames[end].Length <= maxPieceBytes))
            {
                bytes += frames[end].Length;
                end++;
            }

            byte[] piece = new byte[bytes];
            int written = 0;
            TimeSpan start = clock.Elapsed;
            for (int i = first; i < end; i++)
            {
                Mp3Frames.Frame frame = frames[i];
                audio.Span.Slice(frame.Offset, frame.Length).CopyTo(piece.AsSpan(written));
                written += frame.Length;
                clock.Add(frame.Samples, frame.SampleRate);
            }

            pieces.Add(new AudioPiece(pieces.Count, piece, start, clock.Elapsed - start));
            first = end;
        }

        return (pieces, "MP3", null);
    }

    private static (IReadOnlyList<AudioPiece>?, string, string?) SplitWav(ReadOnlyMemory<byte> audio, long maxPieceBytes)
    {
        if (WavFile.Read(audio.Span) is not { } layout)
        {
            return (null, "WAV", "only RIFF/WAVE with PCM or float samples can be cut, and this file is not");
        }

        long room = maxPieceBytes - WavFile.HeaderLength(layout) - 1;
        int perPiece = (int)Math.Max(layout.BlockAlign, room - (room % layout.BlockAlign));
        var pieces = new List<AudioPiece>();
        for (int done = 0; done < layout.DataLength; done += perPiece)
        {
            int length = Math.Min(perPiece, layout.DataLength - done);
            ReadOnlySpan<byte> data = audio.Span.Slice(layout.DataOffset + done, length);
            pieces.Add(new AudioPiece(
                pieces.Count,
                WavFile.Write(audio.Span, layout, data),
                Ticks((long)done / layout.BlockAlign, layout.SampleRate),
                Ticks((long)length / layout.BlockAlign, layout.SampleRate)));
        }

        return pieces.Count == 0 ? (null, "WAV", "it holds no audio data") : (pieces, "WAV", null);
    }

    private static TimeSpan Ticks(long samples, int sampleRate) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / sampleRate);

    private static string FormatName(string mediaType) => mediaType switch
    {
        "audio/mp4" or "audio/x-m4a" or "audio/m4a" => "M4A/MP4",
        "audio/ogg" => "Ogg",
        "audio/opus" => "Opus",
        "audio/flac" or "audio/x-flac" => "FLAC",
        "audio/webm" => "WebM",
        "audio/aac" => "AAC",
        _ => mediaType,
    };

    // Sums frame durations exactly: samples are counted per sample rate, so a long file does not drift by rounding each frame.
    private sealed class Clock
    {
        private long _doneTicks;
        private long _samples;
        private int _rate;

        public TimeSpan Elapsed => TimeSpan.FromTicks(_doneTicks + (_rate == 0 ? 0 : _samples * TimeSpan.TicksPerSecond / _rate));

        public void Add(int samples, int sampleRate)
        {
            if (sampleRate != _rate)
            {
                _doneTicks = Elapsed.Ticks;
                _samples = 0;
                _rate = sampleRate;
            }

            _samples += samples;
        }
    }
}
