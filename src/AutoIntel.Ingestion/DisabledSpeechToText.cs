using AutoIntel.Core;
using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion;

/// <summary>The speech-to-text used when no transcription endpoint is configured: disabled, and says how to enable it.</summary>
public sealed class DisabledSpeechToText : ISpeechToText
{
    /// <summary>The message users see when audio arrives with no endpoint configured.</summary>
    public const string Message = "Audio needs a transcription endpoint: set Llm__Endpoint (see docs/configuration.md).";

    /// <inheritdoc />
    public bool IsEnabled => false;

    /// <inheritdoc />
    public Task<Transcript> TranscribeAsync(ReadOnlyMemory<byte> audio, string fileName, string mediaType, CancellationToken cancellationToken = default) =>
        Task.FromException<Transcript>(new PermanentFailureException(Message));
}
