using System.Text;
using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Storage;

/// <summary>Typed helpers over <see cref="IArtifactStore"/>: JSON in the one AutoIntel shape, and UTF-8 text.</summary>
public static class ArtifactStoreExtensions
{
    /// <summary>Media type used for JSON artifacts.</summary>
    public const string JsonMediaType = "application/json";

    /// <summary>Media type used for text artifacts unless another is given.</summary>
    public const string TextMediaType = "text/plain; charset=utf-8";

    /// <summary>Serializes <paramref name="value"/> with <see cref="AutoIntelJson.Options"/> and stores it.</summary>
    /// <remarks>
    /// Serialized through a stream: the serializer then works in small pooled buffers, where serializing to one byte array
    /// grows a pooled buffer to the document's size and the shared pool keeps it (tens of megabytes for a long transcript).
    /// </remarks>
    public static async Task<ArtifactRef> PutJsonAsync<T>(this IArtifactStore store, string path, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var json = new MemoryStream();
        await JsonSerializer.SerializeAsync(json, value, AutoIntelJson.Options, cancellationToken);
        return await store.PutAsync(path, json.GetBuffer().AsMemory(0, (int)json.Length), JsonMediaType, cancellationToken);
    }

    /// <summary>Reads and deserializes a JSON artifact; throws <see cref="InvalidDataException"/> when it holds JSON null or is not valid.</summary>
    public static async Task<T> GetJsonAsync<T>(this IArtifactStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        byte[] bytes = await store.GetAsync(path, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, AutoIntelJson.Options)
                ?? throw new InvalidDataException($"Artifact '{path}' holds JSON null, not a {typeof(T).Name}.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Artifact '{path}' is not valid JSON for {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <summary>Stores <paramref name="text"/> as UTF-8 (no byte order mark).</summary>
    public static Task<ArtifactRef> PutTextAsync(this IArtifactStore store, string path, string text, string mediaType = TextMediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(text);
        return store.PutAsync(path, Encoding.UTF8.GetBytes(text), mediaType, cancellationToken);
    }

    /// <summary>Reads a text artifact as UTF-8, dropping a leading byte order mark.</summary>
    public static async Task<string> GetTextAsync(this IArtifactStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        byte[] bytes = await store.GetAsync(path, cancellationToken);
        ReadOnlySpan<byte> span = bytes;
        ReadOnlySpan<byte> bom = Encoding.UTF8.Preamble;
        return Encoding.UTF8.GetString(span.StartsWith(bom) ? span[bom.Length..] : span);
    }
}
