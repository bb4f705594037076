using System.Text.Json;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>Every chunk's result of one analysis, in chunk order (for a map-reduce analysis: its reduced result), read as the type the
/// analysis declares when its section is presented (<see cref="ChunkAnalysis.WriteSectionAsync"/>).</summary>
/// <remarks>Stored results are deserialized straight into that type as they are read: a long run's are megabytes, which read as JSON
/// elements first would be held twice.</remarks>
public interface IChunkResults
{
    /// <summary>The results, one at a time, in chunk order.</summary>
    IAsyncEnumerable<T> ReadAsync<T>(CancellationToken cancellationToken = default);
}

/// <summary>Results already in memory as JSON elements (a reduced result, which travels inline; tests).</summary>
public sealed class ElementResults(IReadOnlyList<JsonElement> results) : IChunkResults
{
    /// <inheritdoc />
    public IAsyncEnumerable<T> ReadAsync<T>(CancellationToken cancellationToken = default) =>
        results.Select(e => e.Deserialize<T>(AutoIntelJson.Options)!).ToAsyncEnumerable();
}
