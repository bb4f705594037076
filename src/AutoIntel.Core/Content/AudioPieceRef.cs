namespace AutoIntel.Core.Content;

/// <summary>One stored piece of a long audio file.</summary>
/// <param name="Index">Position of the piece, from 0.</param>
/// <param name="Audio">The piece, a playable file of its own.</param>
/// <param name="Start">Where the piece starts in the original audio; its transcript's times are shifted by this.</param>
public sealed record AudioPieceRef(int Index, ArtifactRef Audio, TimeSpan Start);
