using AutoIntel.Intelligence.Routing;

namespace AutoIntel.Intelligence.Providers;

/// <summary>One attempt against a model's endpoint; retries, breakers and fallbacks are the gateway's job.</summary>
public interface ILlmClient
{
    /// <summary>One chat completion asking for JSON that matches a schema.</summary>
    Task<ChatOutcome> CompleteAsync(CatalogModel model, ChatCall call, CancellationToken cancellationToken = default);

    /// <summary>Embeddings for a batch of inputs, in input order.</summary>
    Task<IReadOnlyList<float[]>> EmbedAsync(CatalogModel model, IReadOnlyList<string> inputs, CancellationToken cancellationToken = default);

    /// <summary>Timed segments of one audio file, and its language when the endpoint reports one.</summary>
    Task<HeardAudio> TranscribeAsync(CatalogModel model, ReadOnlyMemory<byte> audio, string fileName, CancellationToken cancellationToken = default);
}
