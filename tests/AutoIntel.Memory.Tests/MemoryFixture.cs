using AutoIntel.Core.FactCheck;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Vectors;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.Extensions.Options;

namespace AutoIntel.Memory.Tests;

/// <summary>A real ContentMemory (hashing embedder, embedded store, graphs in a file artifact store) in a temp folder.</summary>
internal sealed class MemoryFixture : IDisposable
{
    public const string Article =
        "The city council voted on Tuesday to expand the northern tram line by six kilometres. " +
        "Supporters said the extension would cut commuting times for thirty thousand residents and reduce car traffic in the old town. " +
        "Opponents argued that the budget of 240 million euros was unrealistic and that bus lanes would achieve similar results at a fraction of the cost. " +
        "The mayor promised that construction would start next spring and finish within three years. " +
        "Engineers from the regional transport authority presented a study showing that ridership on the existing line has doubled since 2015. " +
        "Local shop owners worried about months of roadworks outside their stores, and asked for compensation during the construction period. " +
        "The council also approved a new bicycle parking scheme near the central station.";

    public const string Unrelated =
        "Our sourdough recipe needs a mature starter, strong white flour, water and salt. " +
        "Mix, rest for an hour, then fold the dough every thirty minutes. Bake in a hot Dutch oven until the crust is deep brown.";

    private readonly TempDirectory _dir = new();

    public MemoryFixture(MemoryOptions? options = null, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Options = options ?? new MemoryOptions();
        Options.RootPath = _dir.Path;
        Open();
    }

    public MemoryOptions Options { get; }

    public TimeProvider Time { get; }

    public EmbeddedVectorStore Store { get; private set; } = null!;

    public KnowledgeGraphStore Graphs { get; private set; } = null!;

    /// <summary>The artifact store the graphs live in (<c>{temp}/artifacts</c>); legacy graphs are looked for in <c>{temp}/graph</c>.</summary>
    public FileArtifactStore Artifacts { get; private set; } = null!;

    /// <summary>The folder earlier versions kept graphs in.</summary>
    public string LegacyGraphPath => Path.Combine(_dir.Path, "graph");

    public ContentMemory Memory { get; private set; } = null!;

    public static Claim Claim(string id, string text) => new(id, text, 0, 0.8);

    public static ClaimVerdict Verdict(Claim claim, Verdict verdict) =>
        new(claim, verdict, 0.85, "checked against the council minutes", [new Evidence("https://example.org/minutes", "minutes", 0.9)], "gpt-test");

    /// <summary>Closes and reopens everything over the same folder, as a process restart would.</summary>
    public void Reopen()
    {
        Close();
        Open();
    }

    public void Dispose()
    {
        Close();
        _dir.Dispose();
    }

    private void Open()
    {
        Store = new EmbeddedVectorStore(Path.Combine(_dir.Path, "vectors"));
        Artifacts = new FileArtifactStore(Microsoft.Extensions.Options.Options.Create(new FileArtifactStoreOptions { RootPath = Path.Combine(_dir.Path, "artifacts") }));
        Graphs = new KnowledgeGraphStore(Artifacts, LegacyGraphPath);
        Memory = new ContentMemory(new HashingEmbedder(), Store, Graphs, Microsoft.Extensions.Options.Options.Create(Options), Time);
    }

    private void Close()
    {
        Store.Dispose();
        Graphs.Dispose();
    }
}
