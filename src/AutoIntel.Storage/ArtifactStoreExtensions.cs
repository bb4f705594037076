using System.Runtime.CompilerServices;
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
    /// Serialized into the store's stream (<see cref="IArtifactStore.PutStreamAsync"/>): the serializer works in small pooled buffers and
    /// the document is never one array in memory. Serializing to one byte array grew a pooled buffer to the document's size and the
    /// shared pool kept it; a memory stream doubled its way up (16 MiB arrays for a 15 MB stage output).
    /// </remarks>
    public static Task<ArtifactRef> PutJsonAsync<T>(this IArtifactStore store, string path, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutStreamAsync(path, (stream, token) => JsonSerializer.SerializeAsync(stream, value, AutoIntelJson.Options, token), JsonMediaType, cancellationToken);
    }

    /// <summary>Reads and deserializes a JSON artifact; throws <see cref="InvalidDataException"/> when it holds JSON null or is not valid.</summary>
    /// <remarks>Deserialized from the store's stream (<see cref="IArtifactStore.OpenReadAsync"/>), not from a copy of the whole artifact.</remarks>
    public static async Task<T> GetJsonAsync<T>(this IArtifactStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using Stream json = await store.OpenReadAsync(path, cancellationToken);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(json, AutoIntelJson.Options, cancellationToken)
                ?? throw new InvalidDataException($"Artifact '{path}' holds JSON null, not a {typeof(T).Name}.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Artifact '{path}' is not valid JSON for {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a JSON list artifact one element at a time, from the store's stream; throws <see cref="InvalidDataException"/>
    /// when the artifact is not a JSON list of <typeparamref name="T"/> or lists a null.</summary>
    /// <remarks>Only the element being read is in memory: a long run's lists hold tens of thousands of items.</remarks>
    public static async IAsyncEnumerable<T> ReadJsonListAsync<T>(this IArtifactStore store, string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using Stream json = await store.OpenReadAsync(path, cancellationToken);
        await using IAsyncEnumerator<T?> items = JsonSerializer.DeserializeAsyncEnumerable<T>(json, AutoIntelJson.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        for (int index = 0; ; index++)
        {
            T? item;
            try
            {
                if (!await items.MoveNextAsync())
                {
                    yield break;
                }

                item = items.Current;
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Artifact '{path}' is not a valid JSON list of {typeof(T).Name}: {ex.Message}", ex);
            }

            yield return item ?? throw new InvalidDataException($"Artifact '{path}' lists JSON null at position {index}, not a {typeof(T).Name}.");
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
