using System.Text.Json;
using AutoIntel.Core.Content;
using AutoIntel.Intelligence.Routing;
using OpenAI.Audio;
using OpenAI.Chat;

namespace AutoIntel.Intelligence.Providers;

/// <summary>Talks to OpenAI-compatible endpoints through the official <c>OpenAI</c> SDK.</summary>
public sealed class OpenAiLlmClient(OpenAiClientFactory factory) : ILlmClient
{
    /// <inheritdoc />
    public async Task<ChatOutcome> CompleteAsync(CatalogModel model, ChatCall call, CancellationToken cancellationToken = default)
    {
        var chat = factory.For(model.Provider).GetChatClient(model.Deployment);
        var messages = new List<ChatMessage>(call.Turns.Count + 1) { new SystemChatMessage(Instructions(model, call)) };
        foreach (var turn in call.Turns)
        {
            messages.Add(turn.FromAssistant ? new AssistantChatMessage(turn.Text) : new UserChatMessage(turn.Text));
        }

        var options = new ChatCompletionOptions
        {
            Temperature = (float)call.Temperature,
            MaxOutputTokenCount = call.MaxOutputTokens,
            ResponseFormat = model.Has(ModelCapabilities.JsonSchema)
                ? ChatResponseFormat.CreateJsonSchemaFormat(call.SchemaName, BinaryData.FromString(call.SchemaJson), jsonSchemaIsStrict: true)
                : ChatResponseFormat.CreateJsonObjectFormat(),
        };

        ChatCompletion completion;
        try
        {
            completion = (await chat.CompleteChatAsync(messages, options, cancellationToken)).Value;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new LlmCallException($"malformed response from {model.Id}", e);
        }

        var text = completion.Content.Count > 0 ? string.Concat(completion.Content.Select(c => c.Text)) : "";
        if (completion.FinishReason == ChatFinishReason.ContentFilter)
        {
            throw new LlmCallException($"{model.Id} refused (content filter)");
        }

        return new ChatOutcome(text, completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0, completion.FinishReason.ToString());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<float[]>> EmbedAsync(CatalogModel model, IReadOnlyList<string> inputs, CancellationToken cancellationToken = default)
    {
        var client = factory.For(model.Provider).GetEmbeddingClient(model.Deployment);
        var result = (await client.GenerateEmbeddingsAsync(inputs, cancellationToken: cancellationToken)).Value;
        return [.. result.OrderBy(e => e.Index).Select(e => e.ToFloats().ToArray())];
    }

    /// <inheritdoc />
    public async Task<HeardAudio> TranscribeAsync(CatalogModel model, ReadOnlyMemory<byte> audio, string fileName, CancellationToken cancellationToken = default)
    {
        var client = factory.For(model.Provider).GetAudioClient(model.Deployment);
        using var stream = new MemoryStream(audio.ToArray(), writable: false);
        if (model.Has(ModelCapabilities.Diarization))
        {
            // diarized_json reports no language: the transcript's language is detected from its text instead.
            return new HeardAudio(await TranscribeDiarizedAsync(client, stream, fileName, cancellationToken));
        }

        var options = new AudioTranscriptionOptions
        {
            ResponseFormat = AudioTranscriptionFormat.Verbose,
            TimestampGranularities = AudioTimestampGranularities.Segment,
        };
        var transcription = (await client.TranscribeAudioAsync(stream, fileName, options, cancellationToken)).Value;
        string? language = string.IsNullOrWhiteSpace(transcription.Language) ? null : transcription.Language;
        if (transcription.Segments.Count == 0)
        {
            return new HeardAudio(string.IsNullOrWhiteSpace(transcription.Text) ? [] : [new TranscriptSegment(transcription.Text.Trim())], language);
        }

        return new HeardAudio([.. transcription.Segments.Select(s => new TranscriptSegment(s.Text.Trim(), s.StartTime, s.EndTime))], language);
    }

    // diarized_json: segments with a speaker label per turn ("A", "B", … unless known speakers were given). OpenAI refuses a
    // diarizing request over 30 seconds without a chunking strategy, so "auto" is always sent.
#pragma warning disable OPENAI001 // The diarization surface of the SDK is marked experimental; the wire format is the documented one.
    private static async Task<IReadOnlyList<TranscriptSegment>> TranscribeDiarizedAsync(AudioClient client, Stream audio, string fileName, CancellationToken cancellationToken)
    {
        var options = new AudioTranscriptionOptions
        {
            ResponseFormat = AudioTranscriptionFormat.Diarized,
            ChunkingStrategy = new AudioTranscriptionChunkingStrategy(AudioTranscriptionDefaultChunkingStrategy.Auto),
        };
        var transcription = (await client.TranscribeAudioDiarizedAsync(audio, fileName, options, cancellationToken)).Value;
        if (transcription.Segments.Count == 0)
        {
            return string.IsNullOrWhiteSpace(transcription.Text) ? [] : [new TranscriptSegment(transcription.Text.Trim())];
        }

        return [.. transcription.Segments.Select(s => new TranscriptSegment(s.Text.Trim(), s.StartTime, s.EndTime, DiarizedSpeaker(s.SpeakerLabel)))];
    }
#pragma warning restore OPENAI001

    /// <summary>A diarization label as a speaker name: a bare letter or number ("A", "0") becomes "Speaker A"; a known speaker's name stays.</summary>
    public static string? DiarizedSpeaker(string? label)
    {
        var trimmed = label?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= 2 || trimmed.All(char.IsAsciiDigit) ? $"Speaker {trimmed}" : trimmed;
    }

    // Models without native JSON-schema support get the schema in the instructions and JSON mode on the wire.
    private static string Instructions(CatalogModel model, ChatCall call) => model.Has(ModelCapabilities.JsonSchema)
        ? call.System
        : $"{call.System}\n\nReply with one JSON object only, matching this JSON schema:\n{call.SchemaJson}";
}
