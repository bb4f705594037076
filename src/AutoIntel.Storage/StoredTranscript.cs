using AutoIntel.Core;

namespace AutoIntel.Storage;

/// <summary>A transcript artifact as written by <see cref="TranscriptArtifact"/>: where it is, its title, and how many segments and characters
/// (segment texts joined with newlines, as <see cref="Core.Content.Transcript.FullText"/> would be) it holds, and its language when known.</summary>
public sealed record StoredTranscript(ArtifactRef Artifact, string Title, int Segments, int Characters, string? Language = null);
