using System.Security.Cryptography;
using System.Text;
using AutoIntel.Core;
using AutoIntel.Core.Content;

namespace AutoIntel.Storage.Tests;

public sealed class TranscriptArtifactTests
{
    private static readonly Transcript Sample = new(
        "Heat pumps \u201Cexplained\u201D",
        "https://example.org/ep?x=1&y=<2>",
        [
            new TranscriptSegment("Welcome back.", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5), "Ann Lee"),
            new TranscriptSegment("Quotes \" and \\ and\nnewlines, caf\u00e9, \U0001F600.", null, null, null),
            new TranscriptSegment(string.Empty, TimeSpan.Zero),
        ]);

    private readonly InMemoryArtifactStore _store = new();

    [Fact]
    public async Task WriteAsync_Transcript_SameBytesAsPutJsonAsync()
    {
        StoredTranscript stored = await TranscriptArtifact.WriteAsync(_store, "runs/r/transcript.json", Sample);
        await _store.PutJsonAsync("runs/r/whole.json", Sample);

        (await _store.GetAsync("runs/r/transcript.json")).Should().Equal(await _store.GetAsync("runs/r/whole.json"));
        stored.Should().Be(new StoredTranscript(
            new ArtifactRef("runs/r/transcript.json", (await _store.GetAsync("runs/r/whole.json")).Length, ArtifactStoreExtensions.JsonMediaType),
            Sample.Title,
            3,
            Sample.FullText.Length,
            ContentHash: "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sample.FullText)))));
    }

    [Fact]
    public async Task WriteAsync_SameTextFromAnotherSource_SameContentHash()
    {
        Transcript copy = Sample with { Title = "Copy", Source = "/home/u/copy.srt" };
        Transcript edited = Sample with { Segments = [.. Sample.Segments.SkipLast(1), new TranscriptSegment("One more line.", TimeSpan.Zero)] };

        StoredTranscript original = await TranscriptArtifact.WriteAsync(_store, "runs/a/transcript.json", Sample);
        StoredTranscript copied = await TranscriptArtifact.WriteAsync(_store, "runs/b/transcript.json", copy);
        StoredTranscript changed = await TranscriptArtifact.WriteAsync(_store, "runs/c/transcript.json", edited);

        copied.ContentHash.Should().Be(original.ContentHash);
        changed.ContentHash.Should().NotBe(original.ContentHash);
    }

    [Fact]
    public async Task ReadSegmentsAsync_WrittenTranscript_SameSegments()
    {
        await TranscriptArtifact.WriteAsync(_store, "runs/r/transcript.json", Sample);

        List<TranscriptSegment> read = await ReadAllAsync("runs/r/transcript.json");

        read.Should().Equal(Sample.Segments);
    }

    [Fact]
    public async Task ReadSegmentsAsync_ArtifactWrittenBeforeStreaming_ReadsItsSegments()
    {
        // Runs recorded before transcripts streamed: written by the serializer, some with the joined full text stored after the
        // segments (large enough here to need a bigger buffer than the reader starts with) and properties in another order.
        string fullText = new('x', 200_000);
        string json = "{\"source\":\"s\",\"segments\":[{\"text\":\"One.\",\"start\":\"00:00:01\",\"end\":null,\"speaker\":null},"
            + "{\"text\":\"Two.\",\"start\":null,\"end\":null,\"speaker\":\"Bo\"}],\"title\":\"t\",\"fullText\":\"" + fullText + "\"}";
        await _store.PutAsync("runs/old/transcript.json", Encoding.UTF8.GetBytes(json), "application/json");

        List<TranscriptSegment> read = await ReadAllAsync("runs/old/transcript.json");

        read.Should().Equal(new TranscriptSegment("One.", TimeSpan.FromSeconds(1)), new TranscriptSegment("Two.", Speaker: "Bo"));
    }

    [Fact]
    public async Task ReadSegmentsAsync_SegmentLargerThanTheBuffer_ReadWhole()
    {
        var transcript = new Transcript("t", "s", [new("a"), new(new string('y', 300_000)), new("b")]);
        await TranscriptArtifact.WriteAsync(_store, "runs/r/transcript.json", transcript);

        List<TranscriptSegment> read = await ReadAllAsync("runs/r/transcript.json");

        read.Select(s => s.Text.Length).Should().Equal(1, 300_000, 1);
    }

    [Fact]
    public async Task ReadSegmentsAsync_TruncatedArtifact_InvalidData()
    {
        await TranscriptArtifact.WriteAsync(_store, "runs/r/transcript.json", Sample);
        byte[] whole = await _store.GetAsync("runs/r/transcript.json");
        await _store.PutAsync("runs/r/cut.json", whole.AsMemory(0, whole.Length - 20), "application/json");

        Func<Task> act = () => ReadAllAsync("runs/r/cut.json");

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*runs/r/cut.json*");
    }

    [Fact]
    public async Task ReadSegmentsAsync_NotATranscript_InvalidData()
    {
        await _store.PutAsync("runs/r/list.json", Encoding.UTF8.GetBytes("[1,2]"), "application/json");

        Func<Task> act = () => ReadAllAsync("runs/r/list.json");

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*runs/r/list.json*not a transcript*");
    }

    [Fact]
    public async Task ReadSegmentsAsync_LongTranscript_FirstSegmentsBeforeMostBytesAreRead()
    {
        var segments = Enumerable.Range(0, 50_000).Select(i => new TranscriptSegment($"Segment {i} of a long transcript.", TimeSpan.FromSeconds(i)));
        await TranscriptArtifact.WriteAsync(_store, "runs/r/transcript.json", "t", "s", segments.ToAsyncEnumerable(), language: null);
        using var counting = new CountingReadStore(_store);

        await using IAsyncEnumerator<TranscriptSegment> read = TranscriptArtifact.ReadSegmentsAsync(counting, "runs/r/transcript.json").GetAsyncEnumerator();
        await read.MoveNextAsync();

        read.Current.Text.Should().Be("Segment 0 of a long transcript.");
        counting.BytesRead.Should().BeLessThan(counting.Length / 10, "segments are parsed from a small buffer as the stream is read, not from the whole artifact");
    }

    private async Task<List<TranscriptSegment>> ReadAllAsync(string path)
    {
        var read = new List<TranscriptSegment>();
        await foreach (TranscriptSegment segment in TranscriptArtifact.ReadSegmentsAsync(_store, path))
        {
            read.Add(segment);
        }

        return read;
    }

    // Counts the bytes the reader takes from the artifact's stream.
    private sealed class CountingReadStore(InMemoryArtifactStore inner) : IArtifactStore, IDisposable
    {
        private MemoryStream? _opened;

        public long BytesRead => _opened?.Position ?? 0;

        public long Length => _opened?.Length ?? 0;

        public void Dispose() => _opened?.Dispose();

        public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default) =>
            _opened = new MemoryStream(await inner.GetAsync(path, cancellationToken));

        public Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default) =>
            inner.PutAsync(path, content, mediaType, cancellationToken);

        public Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default) => inner.GetAsync(path, cancellationToken);

        public Task<VersionedArtifact?> GetVersionedAsync(string path, CancellationToken cancellationToken = default) => inner.GetVersionedAsync(path, cancellationToken);

        public Task<bool> TryPutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, string? expectedVersion, CancellationToken cancellationToken = default) =>
            inner.TryPutAsync(path, content, mediaType, expectedVersion, cancellationToken);

        public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => inner.ExistsAsync(path, cancellationToken);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

        public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeletePrefixAsync(prefix, cancellationToken);
    }
}
