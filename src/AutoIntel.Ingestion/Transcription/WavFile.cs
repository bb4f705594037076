using System.Buffers.Binary;

namespace AutoIntel.Ingestion.Transcription;

/// <summary>Reads a RIFF/WAVE file with fixed-size sample frames (PCM, IEEE float, or extensible) and writes pieces of it.</summary>
internal static class WavFile
{
    private const ushort Pcm = 1;
    private const ushort IeeeFloat = 3;
    private const ushort Extensible = 0xFFFE;

    /// <summary>The fmt chunk body, the audio data's place, and the block layout; null when this is not a WAV that can be cut at block boundaries.</summary>
    public static Layout? Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || !Is(data, 0, "RIFF") || !Is(data, 8, "WAVE"))
        {
            return null;
        }

        int fmtOffset = -1;
        int fmtLength = 0;
        int pos = 12;
        while (pos + 8 <= data.Length)
        {
            long size = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 4)..]);
            if (Is(data, pos, "fmt "))
            {
                fmtOffset = pos + 8;
                fmtLength = (int)Math.Min(size, data.Length - fmtOffset);
            }
            else if (Is(data, pos, "data"))
            {
                if (fmtOffset < 0 || fmtLength < 16)
                {
                    return null;
                }

                ReadOnlySpan<byte> fmt = data.Slice(fmtOffset, fmtLength);
                ushort format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                int sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
                int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
                if (format is not (Pcm or IeeeFloat or Extensible) || sampleRate <= 0 || blockAlign <= 0)
                {
                    return null;
                }

                // Streamed WAVs write 0 or 0xFFFFFFFF as the data size; the data then runs to the end of the file.
                long available = data.Length - (pos + 8L);
                long length = size is 0 or uint.MaxValue || size > available ? available : size;
                length -= length % blockAlign;
                return new Layout(fmtOffset, fmtLength, pos + 8, (int)length, blockAlign, sampleRate);
            }

            pos += 8 + (int)Math.Min(size + (size & 1), data.Length);
        }

        return null;
    }

    /// <summary>Bytes of a piece's header (RIFF, fmt chunk with padding, data chunk header).</summary>
    public static int HeaderLength(Layout layout) => 12 + 8 + layout.FmtLength + (layout.FmtLength & 1) + 8;

    /// <summary>A complete WAV file holding <paramref name="audio"/> (whole blocks) under a copy of the original fmt chunk.</summary>
    public static byte[] Write(ReadOnlySpan<byte> original, Layout layout, ReadOnlySpan<byte> audio)
    {
        int header = HeaderLength(layout);
        int pad = audio.Length & 1;
        byte[] file = new byte[header + audio.Length + pad];
        Span<byte> span = file;
        Put(span, 0, "RIFF");
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(file.Length - 8));
        Put(span, 8, "WAVE");
        Put(span, 12, "fmt ");
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)layout.FmtLength);
        original.Slice(layout.FmtOffset, layout.FmtLength).CopyTo(span[20..]);
        Put(span, header - 8, "data");
        BinaryPrimitives.WriteUInt32LittleEndian(span[(header - 4)..], (uint)audio.Length);
        audio.CopyTo(span[header..]);
        return file;
    }

    private static bool Is(ReadOnlySpan<byte> data, int at, string id) =>
        data[at] == id[0] && data[at + 1] == id[1] && data[at + 2] == id[2] && data[at + 3] == id[3];

    private static void Put(Span<byte> span, int at, string id)
    {
        for (int i = 0; i < 4; i++)
        {
            span[at + i] = (byte)id[i];
        }
    }

    /// <summary>Where the fmt chunk and the audio data are, and the sample-frame layout.</summary>
    public readonly record struct Layout(int FmtOffset, int FmtLength, int DataOffset, int DataLength, int BlockAlign, int SampleRate);
}
