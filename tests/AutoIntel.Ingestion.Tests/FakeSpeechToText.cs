using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion.Tests;

/// <summary>An enabled speech-to-text that says what it was given instead of transcribing it.</summary>
internal sealed class FakeSpeechToText(string title = "") : ISpeechToText
{
    public bool IsEnabled => true;

    public Task<Transcript> TranscribeAsync(ReadOnlyMemory<byte> audio, string fileName, string mediaType, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Transcript(title, "ignored", [new TranscriptSegment($"heard {audio.Length} bytes of {fileName} as {mediaType}", TimeSpan.Zero, TimeSpan.FromSeconds(1))]));
}
