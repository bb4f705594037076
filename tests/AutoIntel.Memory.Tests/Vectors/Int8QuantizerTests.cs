using AutoIntel.Memory.Vectors;

namespace AutoIntel.Memory.Tests.Vectors;

public sealed class Int8QuantizerTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(32)]
    [InlineData(77)]
    [InlineData(384)]
    public void Dot_AnyLength_EqualsScalarDotProduct(int length)
    {
        var random = new Random(length);
        sbyte[] a = [.. Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128))];
        sbyte[] b = [.. Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128))];

        int dot = Int8Quantizer.Dot(a, b);

        dot.Should().Be(a.Zip(b, (x, y) => x * y).Sum());
    }

    [Fact]
    public void Quantize_Vector_CodesTimesScaleApproximateValues()
    {
        float[] vector = [0.5f, -0.25f, 0.1f, -0.5f, 0f];
        var codes = new sbyte[vector.Length];

        float scale = Int8Quantizer.Quantize(vector, codes);

        codes.Select(c => c * scale).Should().Equal(vector, (x, y) => Math.Abs(x - y) < 0.5f / 127);
        codes[0].Should().Be(127);
        codes[3].Should().Be(-127);
    }

    [Fact]
    public void Quantize_ZeroVector_ZeroCodesAndScale()
    {
        var codes = new sbyte[4];

        float scale = Int8Quantizer.Quantize(new float[4], codes);

        scale.Should().Be(0);
        codes.Should().OnlyContain(c => c == 0);
    }
}
