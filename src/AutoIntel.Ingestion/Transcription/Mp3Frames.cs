namespace AutoIntel.Ingestion.Transcription;

/// <summary>Finds the MPEG-1/2/2.5 Layer III frames of an MP3 file: skips an ID3v2 tag, the Xing/Info/VBRI header frame and any
/// bytes that are not frames (resynchronising by scanning), so pieces cut at frame boundaries decode on their own.</summary>
internal static class Mp3Frames
{
    private static readonly int[] Mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

    /// <summary>The audio frames in file order, and how many bytes were skipped between and around them.</summary>
    public static (List<Frame> Frames, long SkippedBytes) Find(ReadOnlySpan<byte> data)
    {
        var frames = new List<Frame>();
        int pos = Id3v2Length(data);
        long skipped = pos;
        bool inSync = false;
        Header previous = default;
        while (pos + 4 <= data.Length)
        {
            if (TryReadHeader(data[pos..], out Header header) && pos + header.Length <= data.Length
                && (inSync ? header.SameStreamAs(previous) : ConfirmedByNext(data, pos, header)))
            {
                if (frames.Count == 0 && !inSync && IsVbrHeaderFrame(data.Slice(pos, header.Length), header))
                {
                    // A Xing/Info/VBRI frame holds no audio, and its frame and byte counts describe the whole file, not a piece.
                    skipped += header.Length;
                }
                else
                {
                    frames.Add(new Frame(pos, header.Length, header.SamplesPerFrame, header.SampleRate));
                }

                pos += header.Length;
                previous = header;
                inSync = true;
                continue;
            }

            // Not a frame here (free-format, a broken frame, an ID3v1/APE tag, garbage): scan for the next sync word.
            inSync = false;
            int next = pos + 1;
            while (next + 1 < data.Length && !(data[next] == 0xFF && (data[next + 1] & 0xE0) == 0xE0))
            {
                next++;
            }

            next = next + 1 < data.Length ? next : data.Length;
            skipped += next - pos;
            pos = next;
        }

        skipped += data.Length - pos;
        return (frames, skipped);
    }

    /// <summary>Length of an ID3v2 tag at the start (header, body and footer), or 0.</summary>
    public static int Id3v2Length(ReadOnlySpan<byte> data)
    {
        if (data.Length < 10 || data[0] != 'I' || data[1] != 'D' || data[2] != '3' || ((data[6] | data[7] | data[8] | data[9]) & 0x80) != 0)
        {
            return 0;
        }

        int size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9];
        int footer = (data[5] & 0x10) != 0 ? 10 : 0;
        return (int)Math.Min(data.Length, 10L + size + footer);
    }

    /// <summary>Parses a Layer III frame header; false for anything else, including free-format frames (bitrate index 0), whose length cannot be known.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> bytes, out Header header)
    {
        header = default;
        if (bytes.Length < 4 || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        int version = (bytes[1] >> 3) & 3;     // 0 = MPEG 2.5, 1 = reserved, 2 = MPEG 2, 3 = MPEG 1
        int layer = (bytes[1] >> 1) & 3;       // 1 = Layer III
        int bitrateIndex = bytes[2] >> 4;
        int rateIndex = (bytes[2] >> 2) & 3;
        if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return false;
        }

        bool mpeg1 = version == 3;
        int sampleRate = Mpeg1Rates[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
        int bitrate = (mpeg1 ? Mpeg1Bitrates : Mpeg2Bitrates)[bitrateIndex] * 1000;
        int padding = (bytes[2] >> 1) & 1;
        int length = ((mpeg1 ? 144 : 72) * bitrate / sampleRate) + padding;
        bool mono = (bytes[3] >> 6) == 3;
        bool crc = (bytes[1] & 1) == 0;
        header = new Header(version, sampleRate, length, mpeg1 ? 1152 : 576, mono, crc);
        return true;
    }

    // Outside a run of frames a sync word may be chance, so the frame after it must be a frame of the same stream (or the file must end).
    private static bool ConfirmedByNext(ReadOnlySpan<byte> data, int pos, Header header)
    {
        int next = pos + header.Length;
        return next == data.Length || (TryReadHeader(data[next..], out Header following) && following.SameStreamAs(header));
    }

    private static bool IsVbrHeaderFrame(ReadOnlySpan<byte> frame, Header header)
    {
        int sideInfo = header.Version == 3 ? (header.Mono ? 17 : 32) : (header.Mono ? 9 : 17);
        int at = 4 + (header.Crc ? 2 : 0) + sideInfo;
        return HasTag(frame, at, "Xing") || HasTag(frame, at, "Info") || HasTag(frame, 4 + (header.Crc ? 2 : 0) + 32, "VBRI");
    }

    private static bool HasTag(ReadOnlySpan<byte> frame, int at, string tag) =>
        at + 4 <= frame.Length && frame[at] == tag[0] && frame[at + 1] == tag[1] && frame[at + 2] == tag[2] && frame[at + 3] == tag[3];

    /// <summary>One frame: where it is and how much audio it holds.</summary>
    public readonly record struct Frame(int Offset, int Length, int Samples, int SampleRate);

    /// <summary>The fields of a frame header that matter for splitting.</summary>
    public readonly record struct Header(int Version, int SampleRate, int Length, int SamplesPerFrame, bool Mono, bool Crc)
    {
        /// <summary>Whether two headers can belong to one stream (same MPEG version and sample rate).</summary>
        public bool SameStreamAs(Header other) => Version == other.Version && SampleRate == other.SampleRate;
    }
}
