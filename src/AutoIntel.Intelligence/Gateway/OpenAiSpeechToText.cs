using System.ClientModel;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Gateway;

/// <summary>Audio transcription through the first catalog model with capability <c>transcription</c> (e.g. whisper-1, gpt-4o-transcribe).</summary>
public sealed class OpenAiSpeechToText : ISpeechToText
{
    private readonly ILlmClient _client;
    private readonly ModelResilience _resilience;
    private readonly CatalogModel? _model;

    public OpenAiSpeechToText(ModelCatalog catalog, ILlmClient client, ModelResilience resilience)
    {
        _client = client;
        _resilience = resilience;
        _model = catalog.FirstWith(ModelCapabilities.Transcription);
    }

    /// <inheritdoc />
    public bool IsEnabled => _model is not null;

    /// <inheritdoc />
    public async Task<Transcript> TranscribeAsync(ReadOnlyMemory<byte> audio, string fileName, string mediaType, CancellationToken cancellationToken = default)
    {
        var model = _model ?? throw new PermanentFailureException("Audio needs a transcription model: configure Llm:TranscriptionModel or a catalog model with capability 'transcription'.");
        HeardAudio heard;
        try
        {
            heard = await _resilience.ExecuteAsync(
                model.Id,
                ct => new ValueTask<HeardAudio>(_client.TranscribeAsync(model, audio, fileName, ct)),
                cancellationToken);
        }
        catch (ClientResultException ex) when (ex.Status is 400 or 413 or 415)
        {
            // The file itself was refused (too large, unreadable format): sending it again cannot help.
            throw new PermanentFailureException($"The transcription endpoint refused {fileName} ({audio.Length:N0} bytes): HTTP {ex.Status}: {ex.Message}", ex);
        }

        return new Transcript(Path.GetFileNameWithoutExtension(fileName), fileName, heard.Segments, LanguageTag.FromName(heard.Language));
    }
}
