namespace AutoIntel.Core.Content;

/// <summary>Turns audio into a timed transcript (an OpenAI-compatible transcription endpoint when configured).</summary>
public interface ISpeechToText
{
    /// <summary>False when no transcription endpoint is configured; audio is then refused with a clear error.</summary>
    bool IsEnabled { get; }

    /// <summary>Transcribes one audio file.</summary>
    Task<Transcript> TranscribeAsync(ReadOnlyMemory<byte> audio, string fileName, string mediaType, CancellationToken cancellationToken = default);
}
