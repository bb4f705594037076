using System.Buffers;
using System.Text;
using System.Text.Json;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Core.Tests.Json;

public sealed class LongStringConverterTests
{
    // The serializer's own string handling, with the same encoder, for comparison.
    private static readonly JsonSerializerOptions Whole = new(JsonSerializerDefaults.Web) { Encoder = AutoIntelJson.Options.Encoder };

    public static TheoryData<int> Lengths => new() { 0, 1, LongStringConverter.PieceChars - 1, LongStringConverter.PieceChars, LongStringConverter.PieceChars + 1, (3 * LongStringConverter.PieceChars) + 5 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Serialize_AnyLength_WritesTheSameBytesAsTheSerializerWritesTheStringWhole(int length)
    {
        // Escapes, quotes, control characters and surrogate pairs at every offset, so some fall across a piece boundary.
        var value = Text(length);

        JsonSerializer.Serialize(new Holder(value), AutoIntelJson.Options).Should().Be(JsonSerializer.Serialize(new Holder(value), Whole));
    }

    [Fact]
    public void Serialize_SurrogatePairSplitAcrossPieces_WritesThePairOnce()
    {
        var value = new string('a', LongStringConverter.PieceChars - 1) + "😀" + new string('b', 10);

        var json = JsonSerializer.Serialize(value, AutoIntelJson.Options);

        json.Should().Be(JsonSerializer.Serialize(value, Whole));
        JsonSerializer.Deserialize<string>(json, AutoIntelJson.Options).Should().Be(value);
    }

    [Fact]
    public void RoundTrip_LongStringAndNullAndDictionaryKeys_ReadBackAsWritten()
    {
        var holder = new Holder(Text(5 * LongStringConverter.PieceChars), null, new Dictionary<string, string> { ["key \"one\""] = Text(LongStringConverter.PieceChars * 2) });

        var json = JsonSerializer.Serialize(holder, AutoIntelJson.Options);
        var back = JsonSerializer.Deserialize<Holder>(json, AutoIntelJson.Options)!;

        json.Should().Be(JsonSerializer.Serialize(holder, Whole));
        back.Text.Should().Be(holder.Text);
        back.Missing.Should().BeNull();
        back.ByKey.Should().Equal(holder.ByKey);
    }

    [Fact]
    public void Serialize_MillionCharacterString_NeverAsksForABufferTheSizeOfTheString()
    {
        // Written whole, the writer escapes a string needing escapes in one buffer of six times its length and asks its output for
        // room for all of it at once; in pieces, neither grows with the string.
        var value = string.Concat(Enumerable.Repeat("A line of Markdown with \"quotes\".\n", 32 * 1024));
        var output = new CountingBufferWriter();
        long before = GC.GetAllocatedBytesForCurrentThread();

        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = AutoIntelJson.Options.Encoder }))
        {
            JsonSerializer.Serialize(writer, value, AutoIntelJson.Options);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.LargestRequest.Should().BeLessThan(value.Length / 8);
        allocated.Should().BeLessThan(value.Length / 2, "no buffer as long as the string is allocated");
        output.Written.Should().Be(Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(value, Whole)));
    }

    private static string Text(int length)
    {
        const string alphabet = "ab\"\\\n\t\u001b<>&é😀z";
        var text = new StringBuilder(length + 1);
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(alphabet[i % alphabet.Length]);
        }

        // Never end on half a pair.
        return text.Length > length && char.IsHighSurrogate(text[length - 1]) ? text.ToString(0, length - 1) + "y" : text.ToString(0, length);
    }

    private sealed record Holder(string Text, string? Missing = null, Dictionary<string, string>? ByKey = null);

    // Hands out one reused buffer, as large as each request asks, and only counts what is written into it.
    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private byte[] _buffer = new byte[64 * 1024];

        public int LargestRequest { get; private set; }

        public long Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint).Span;

        private Memory<byte> Room(int sizeHint)
        {
            LargestRequest = Math.Max(LargestRequest, sizeHint);
            if (sizeHint > _buffer.Length)
            {
                _buffer = new byte[sizeHint];
            }

            return _buffer;
        }
    }
}
