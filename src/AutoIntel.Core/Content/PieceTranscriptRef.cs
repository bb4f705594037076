namespace AutoIntel.Core.Content;

/// <summary>The stored transcript of one audio piece, with times relative to the piece.</summary>
/// <param name="Index">Position of the piece, from 0.</param>
/// <param name="Start">Where the piece starts in the original audio.</param>
/// <param name="Transcript">The piece's transcript (JSON <see cref="Transcript"/>).</param>
/// <param name="Segments">How many segments it holds.</param>
public sealed record PieceTranscriptRef(int Index, TimeSpan Start, ArtifactRef Transcript, int Segments);
