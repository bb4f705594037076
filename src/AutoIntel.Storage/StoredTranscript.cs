using AutoIntel.Core;

namespace AutoIntel.Storage;

/// <summary>A transcript artifact as written by <see cref="TranscriptArtifact"/>: where it is, its title, and how many segments and characters
/// (segment texts joined with newlines, as <see cref="Core.Content.Transcript.FullText"/> would be) it holds, and its language when known.</summary>
/// <param name="ContentHash">SHA-256 of that joined text (<c>sha256-</c> and lower-case hex): the same text from another path or link has the same
/// hash, so memory can tell an earlier run of this content from an independent source.</param>
public sealed record StoredTranscript(ArtifactRef Artifact, string Title, int Segments, int Characters, string? Language = null, string? ContentHash = null);
