using System.Text;
using System.Text.Json;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Core.Tests.Json;

public sealed class JsonStreamCopyTests
{
    // Escapes, non-ASCII, a surrogate pair, control characters, numbers in every form, nesting, empty containers, a long string.
    private static readonly string Sample = JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["name"] = "arguments",
        ["data"] = new object[]
        {
            new { conclusion = "He said \"no\"\n\u001b[0m é \U0001F3E0 <b>&</b>", premises = new[] { "a", "b\\c" }, strength = 0.1, chunkIndex = 3, big = 1.5e300, small = -2.5E-7, exact = 19.990m, whole = 12345678901234L },
            new { conclusion = new string('x', 40_000) + "\"", premises = Array.Empty<string>(), strength = 1.0, chunkIndex = 0, nothing = (string?)null, yes = true, no = false, empty = new { } },
        },
        ["markdown"] = "- **He said**",
        ["weird \"key\""] = 7,
    }, AutoIntelJson.Options);

    public static TheoryData<bool, int> Writers => new() { { false, 64 * 1024 }, { false, 1 }, { true, 64 * 1024 }, { true, 1 } };

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task CopyAsync_SameBytesAsTheElementWrittenWhole(bool indented, int flushBytes)
    {
        // Read a few bytes at a time, so tokens fall across the reader's buffers.
        var copied = await WriteAsync(indented, w => JsonStreamCopy.CopyAsync(new Trickle(Sample), w, flushBytes));

        copied.Should().Be(WrittenWhole(indented, w => Element(Sample).WriteTo(w)));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task CopyPropertyAsync_CopiesThatValueOnly(bool indented, int flushBytes)
    {
        var found = false;
        var copied = await WriteAsync(indented, async w => found = await JsonStreamCopy.CopyPropertyAsync(new Trickle(Sample), "data", w, flushBytes));

        found.Should().BeTrue();
        copied.Should().Be(WrittenWhole(indented, w => Element(Sample).GetProperty("data").WriteTo(w)));
    }

    [Theory]
    [InlineData("weird \"key\"", "7")]
    [InlineData("name", "\"arguments\"")]
    public async Task CopyPropertyAsync_ScalarAndEscapedNames(string property, string expected)
    {
        (await WriteAsync(false, w => JsonStreamCopy.CopyPropertyAsync(new Trickle(Sample), property, w, 16))).Should().Be(expected);
    }

    [Fact]
    public async Task CopyPropertyAsync_Missing_FalseAndNothingWritten()
    {
        var found = true;
        var copied = await WriteAsync(false, async w => found = await JsonStreamCopy.CopyPropertyAsync(new Trickle(Sample), "nested", w, 16));

        found.Should().BeFalse();
        copied.Should().BeEmpty();
    }

    [Fact]
    public async Task CopyPropertyAsync_OnlyTopLevelNamesMatch()
    {
        // "premises" is a name inside the data, never a property of the object itself.
        (await WriteAsync(false, w => JsonStreamCopy.CopyPropertyAsync(new Trickle(Sample), "premises", w, 16))).Should().BeEmpty();
    }

    [Fact]
    public async Task CopyPropertyAsync_StopsReadingAfterTheValue()
    {
        // Whatever follows the value is never read: here it is not even JSON.
        var json = """{"data":[1,2,{"a":"b"}],"markdown":""" + new string('!', 100_000);

        (await WriteAsync(false, w => JsonStreamCopy.CopyPropertyAsync(new Trickle(json), "data", w, 16))).Should().Be("""[1,2,{"a":"b"}]""");
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task CopyWithoutAsync_TheObjectWithoutThoseProperties(bool indented, int flushBytes)
    {
        IReadOnlyList<string> leftOut = [];
        var copied = await WriteAsync(indented, async w => leftOut = await JsonStreamCopy.CopyWithoutAsync(new Trickle(Sample), ["weird \"key\"", "nowhere", "data"], w, flushBytes));

        leftOut.Should().Equal("data", "weird \"key\"");
        var expected = WrittenWhole(indented, w =>
        {
            w.WriteStartObject();
            foreach (var property in Element(Sample).EnumerateObject().Where(p => p.Name is not ("data" or "weird \"key\"")))
            {
                property.WriteTo(w);
            }

            w.WriteEndObject();
        });
        copied.Should().Be(expected);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public async Task PropertyCopies_NotAnObject_JsonException(string json)
    {
        await FluentActions.Awaiting(() => WriteAsync(false, w => JsonStreamCopy.CopyPropertyAsync(new Trickle(json), "data", w, 16))).Should().ThrowAsync<JsonException>();
        await FluentActions.Awaiting(() => WriteAsync(false, w => JsonStreamCopy.CopyWithoutAsync(new Trickle(json), ["data"], w, 16))).Should().ThrowAsync<JsonException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"data":[1,2""")]
    [InlineData("""{"data":[1,2]""")]
    [InlineData("""{"data":[1,2}""")]
    public async Task Copies_CutShortOrMalformed_JsonException(string json)
    {
        await FluentActions.Awaiting(() => WriteAsync(false, w => JsonStreamCopy.CopyAsync(new Trickle(json), w, 16))).Should().ThrowAsync<JsonException>();
        await FluentActions.Awaiting(() => WriteAsync(false, w => JsonStreamCopy.CopyWithoutAsync(new Trickle(json), ["data"], w, 16))).Should().ThrowAsync<JsonException>();
    }

    [Fact]
    public async Task CopyAsync_LongValue_FlushesAsItGoes()
    {
        // The writer never holds much more than the flush size: the value reaches the stream as it is read.
        var json = JsonSerializer.Serialize(Enumerable.Range(0, 50_000).Select(i => new { i, text = $"item {i}" }), AutoIntelJson.Options);
        var output = new LargestWrite();

        await using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = AutoIntelJson.Options.Encoder }))
        {
            await JsonStreamCopy.CopyAsync(new Trickle(json, chunk: 4096), writer, 16 * 1024);
        }

        Encoding.UTF8.GetString(output.ToArray()).Should().Be(json);
        output.Largest.Should().BeLessThan(64 * 1024);
    }

    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement;

    private static string WrittenWhole(bool indented, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = AutoIntelJson.Options.Encoder, Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task<string> WriteAsync(bool indented, Func<Utf8JsonWriter, Task> write)
    {
        using var stream = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = AutoIntelJson.Options.Encoder, Indented = indented }))
        {
            await write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // A stream that hands out its bytes a few at a time.
    private sealed class Trickle(string json, int chunk = 7) : MemoryStream(Encoding.UTF8.GetBytes(json), writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }

    private sealed class LargestWrite : MemoryStream
    {
        public int Largest { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Largest = Math.Max(Largest, buffer.Length);
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Largest = Math.Max(Largest, count);
            base.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Largest = Math.Max(Largest, buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
