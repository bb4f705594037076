namespace AutoIntel.Ingestion.Transcription;

/// <summary>One self-contained piece of a longer audio file: a playable file of its own, and where it starts in the original.</summary>
/// <param name="Index">Position of the piece, from 0.</param>
/// <param name="Bytes">The piece as a complete file (MP3 frames, or a WAV with its own header).</param>
/// <param name="Start">Offset of the piece's first sample in the original audio.</param>
/// <param name="Duration">Length of the piece's audio; null when unknown (a whole file sent as is).</param>
public sealed record AudioPiece(int Index, ReadOnlyMemory<byte> Bytes, TimeSpan Start, TimeSpan? Duration);
