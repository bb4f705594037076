using System.Numerics.Tensors;
using AutoIntel.Memory.Embeddings;

namespace AutoIntel.Memory.Tests.Embeddings;

public sealed class HashingEmbedderTests
{
    private readonly HashingEmbedder _embedder = new();

    [Fact]
    public async Task EmbedAsync_SimilarSentences_ScoreClearlyAboveUnrelatedOnes()
    {
        float[][] v = await _embedder.EmbedAsync(
        [
            "The Eiffel Tower is 330 metres tall and stands in Paris.",
            "The Eiffel Tower in Paris is about 330 metres tall.",
            "Quarterly revenue of the bakery chain fell by twelve percent.",
        ]);

        float similar = TensorPrimitives.CosineSimilarity(v[0], v[1]);
        float unrelated = TensorPrimitives.CosineSimilarity(v[0], v[2]);

        similar.Should().BeGreaterThan(0.7f);
        unrelated.Should().BeLessThan(0.2f);
        (similar - unrelated).Should().BeGreaterThan(0.5f);
    }

    [Fact]
    public async Task EmbedAsync_RankingByOverlap_OrdersCandidatesBySharedMeaning()
    {
        float[][] v = await _embedder.EmbedAsync(
        [
            "Vaccines cause autism in children",
            "Vaccines do not cause autism in children, studies show",
            "Children's vaccines are tested for years",
            "The stock market closed higher on Friday",
        ]);

        float[] scores = [.. v.Skip(1).Select(x => TensorPrimitives.CosineSimilarity(v[0], x))];

        scores.Should().BeInDescendingOrder();
        scores[0].Should().BeGreaterThan(scores[1] + 0.2f);
    }

    [Fact]
    public async Task EmbedAsync_CaseAndPunctuationDiffer_SameVector()
    {
        float[][] v = await _embedder.EmbedAsync(["The moon is made of CHEESE!", "the moon is made of cheese"]);

        v[0].Should().Equal(v[1]);
    }

    [Fact]
    public async Task EmbedAsync_AnyText_ReturnsUnitVectorsOfConfiguredLength()
    {
        var embedder = new HashingEmbedder(128);

        float[][] v = await embedder.EmbedAsync(["one two three", "a much longer sentence about something else entirely"]);

        v.Should().AllSatisfy(x =>
        {
            x.Should().HaveCount(128);
            TensorPrimitives.Norm(x).Should().BeApproximately(1f, 1e-4f);
        });
    }

    [Fact]
    public async Task EmbedAsync_TwoInstances_Deterministic()
    {
        float[][] a = await new HashingEmbedder().EmbedAsync(["Stable hashing across processes"]);
        float[][] b = await new HashingEmbedder().EmbedAsync(["Stable hashing across processes"]);

        a[0].Should().Equal(b[0]);
    }
}
