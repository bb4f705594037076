using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Vectors;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIntel.Memory.Tests;

public sealed class MemoryServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AddAutoIntelMemory_NoMemorySection_RegistersEmbeddedDefaultsUnderRootPath()
    {
        IConfiguration config = new ConfigurationBuilder().Build();
        await using ServiceProvider sp = new ServiceCollection()
            .AddFileArtifactStore(_dir.Combine("artifacts"))
            .AddAutoIntelMemory(config, _dir.Path)
            .BuildServiceProvider();

        IContentMemory memory = sp.GetRequiredService<IContentMemory>();
        await memory.RememberAsync("guild-a", "run-1", "src", ["hello world"], []);
        await memory.UpdateGraphAsync("guild-a", "run-1", "src", [new("Alpha", "person", 1)]);

        memory.Should().BeOfType<ContentMemory>().And.BeSameAs(sp.GetRequiredService<IContentMemory>());
        sp.GetRequiredService<IEmbedder>().Should().BeOfType<HashingEmbedder>();
        sp.GetRequiredService<IVectorStore>().Should().BeOfType<EmbeddedVectorStore>().Which.RootPath.Should().Be(_dir.Combine("vectors"));
        sp.GetRequiredService<KnowledgeGraphStore>().LegacyRootPath.Should().Be(_dir.Combine("graph"));
        (await sp.GetRequiredService<IArtifactStore>().ListAsync(KnowledgeGraphStore.ArtifactPrefix)).Should().ContainSingle();
        sp.GetRequiredService<IOptions<MemoryOptions>>().Value.DuplicateThreshold.Should().Be(0.92);
        Directory.GetFiles(_dir.Combine("vectors"), "*.vlog").Should().ContainSingle();
    }

    [Fact]
    public void AddAutoIntelMemory_MemorySection_OverridesDefaults()
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:RootPath"] = _dir.Combine("configured"),
            ["Memory:DuplicateThreshold"] = "0.8",
            ["Memory:ClaimMatchThreshold"] = "0.95",
            ["Memory:RelatedPassages"] = "5",
        }).Build();
        using ServiceProvider sp = new ServiceCollection().AddAutoIntelMemory(config, _dir.Path).BuildServiceProvider();

        MemoryOptions options = sp.GetRequiredService<IOptions<MemoryOptions>>().Value;

        options.RootPath.Should().Be(_dir.Combine("configured"));
        options.DuplicateThreshold.Should().Be(0.8);
        options.ClaimMatchThreshold.Should().Be(0.95);
        options.RelatedPassages.Should().Be(5);
    }

    [Fact]
    public void AddAutoIntelMemory_ThresholdOutOfRange_FailsValidation()
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Memory:DuplicateThreshold"] = "1.5" }).Build();
        using ServiceProvider sp = new ServiceCollection().AddAutoIntelMemory(config, _dir.Path).BuildServiceProvider();

        Action act = () => _ = sp.GetRequiredService<IOptions<MemoryOptions>>().Value;

        act.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void AddAutoIntelMemory_EmbedderRegisteredEarlier_KeepsIt()
    {
        var custom = new HashingEmbedder(64);
        using ServiceProvider sp = new ServiceCollection()
            .AddSingleton<IEmbedder>(custom)
            .AddInMemoryArtifactStore()
            .AddAutoIntelMemory(new ConfigurationBuilder().Build(), _dir.Path)
            .BuildServiceProvider();

        sp.GetRequiredService<IEmbedder>().Should().BeSameAs(custom);
        sp.GetRequiredService<IContentMemory>().Should().BeOfType<ContentMemory>().Which.Collection.Should().EndWith("-64");
    }

    [Fact]
    public void AddAutoIntelMemory_NoArtifactStore_SaysWhichRegistrationIsMissing()
    {
        using ServiceProvider sp = new ServiceCollection().AddAutoIntelMemory(new ConfigurationBuilder().Build(), _dir.Path).BuildServiceProvider();

        Action act = () => sp.GetRequiredService<IContentMemory>();

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddAutoIntelArtifactStore*");
    }
}
