using System.Buffers.Binary;
using System.Text;

namespace AutoIntel.TestKit;

/// <summary>Builds MP3 and WAV files byte by byte for splitter tests: valid headers, payloads that carry the frame number instead of sound.</summary>
public static class SyntheticAudio
{
    /// <summary>Samples in one MPEG-1 Layer III frame.</summary>
    public const int Mpeg1SamplesPerFrame = 1152;

    private static readonly int[] Mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

    /// <summary>One Layer III frame: a valid header and a payload of <paramref name="fill"/> (never 0xFF, so it holds no false sync word).</summary>
    /// <param name="version">1 = MPEG-1, 2 = MPEG-2, 25 = MPEG-2.5.</param>
    public static byte[] Mp3Frame(int bitrateKbps = 128, int sampleRate = 44100, bool padding = false, byte fill = 0, int version = 1, bool mono = false)
    {
        bool mpeg1 = version == 1;
        int bitrateIndex = Array.IndexOf(mpeg1 ? Mpeg1Bitrates : Mpeg2Bitrates, bitrateKbps);
        int rateIndex = Array.IndexOf(version switch { 1 => new[] { 44100, 48000, 32000 }, 2 => new[] { 22050, 24000, 16000 }, _ => new[] { 11025, 12000, 8000 } }, sampleRate);
        if (bitrateIndex <= 0 || rateIndex < 0 || fill == 0xFF)
        {
            throw new ArgumentException("No such MPEG Layer III frame.");
        }

        int length = ((mpeg1 ? 144 : 72) * bitrateKbps * 1000 / sampleRate) + (padding ? 1 : 0);
        byte[] frame = new byte[length];
        Array.Fill(frame, fill);
        int versionBits = version switch { 1 => 3, 2 => 2, _ => 0 };
        frame[0] = 0xFF;
        frame[1] = (byte)(0xE0 | (versionBits << 3) | (1 << 1) | 1); // Layer III, no CRC
        frame[2] = (byte)((bitrateIndex << 4) | (rateIndex << 2) | (padding ? 2 : 0));
        frame[3] = (byte)(mono ? 0xC0 : 0x40);
        return frame;
    }

    /// <summary>An MPEG-1 128 kbps 44.1 kHz stream of <paramref name="frames"/> frames; frame i is filled with <c>i % 200 + 1</c> and every third is padded.</summary>
    public static byte[] Mp3(int frames) => [.. Enumerable.Range(0, frames).SelectMany(i => Mp3Frame(padding: i % 3 == 0, fill: (byte)((i % 200) + 1)))];

    /// <summary>A first frame holding a Xing (VBR) or Info (CBR) header, as LAME writes it: no audio.</summary>
    public static byte[] XingFrame(string tag = "Xing")
    {
        byte[] frame = Mp3Frame();
        Encoding.ASCII.GetBytes(tag).CopyTo(frame, 4 + 32);
        return frame;
    }

    /// <summary>An ID3v2.3 tag with a <paramref name="bodyLength"/>-byte body of zeros.</summary>
    public static byte[] Id3v2(int bodyLength)
    {
        byte[] tag = new byte[10 + bodyLength];
        "ID3"u8.CopyTo(tag);
        tag[3] = 3;
        tag[6] = (byte)((bodyLength >> 21) & 0x7F);
        tag[7] = (byte)((bodyLength >> 14) & 0x7F);
        tag[8] = (byte)((bodyLength >> 7) & 0x7F);
        tag[9] = (byte)(bodyLength & 0x7F);
        return tag;
    }

    /// <summary>A canonical 44-byte-header PCM WAV of <paramref name="sampleFrames"/> sample frames; data byte i is <c>i % 251</c>.</summary>
    public static byte[] Wav(int sampleFrames, int sampleRate = 16000, int channels = 1, int bitsPerSample = 16)
    {
        int blockAlign = channels * bitsPerSample / 8;
        int dataLength = sampleFrames * blockAlign;
        byte[] file = new byte[44 + dataLength];
        Span<byte> s = file;
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(36 + dataLength));
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], (ushort)bitsPerSample);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], (uint)dataLength);
        for (int i = 0; i < dataLength; i++)
        {
            file[44 + i] = (byte)(i % 251);
        }

        return file;
    }
}
