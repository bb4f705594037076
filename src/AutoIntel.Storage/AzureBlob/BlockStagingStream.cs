using System.Buffers;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AutoIntel.Storage.AzureBlob;

/// <summary>A write-only stream that stages what is written to a block blob as uncommitted blocks (Put Block) and commits them
/// only when asked (<see cref="CommitAsync"/>, one Put Block List): until then readers see the blob as it was, and a writer that
/// fails leaves it so (the service discards uncommitted blocks).</summary>
/// <remarks>The SDK's own <c>OpenWriteAsync</c> is not used: with overwrite it empties the blob when opened, so a failed write would
/// leave an empty artifact behind. Flushes do nothing; blocks are staged as the buffer fills.</remarks>
internal sealed class BlockStagingStream(BlockBlobClient blob, CancellationToken cancellationToken) : Stream
{
    private const int BlockBytes = 4 * 1024 * 1024;

    private readonly List<string> _blocks = [];
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
    private int _filled;

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    /// <summary>Stages what is left and commits every staged block as the blob's content, with <paramref name="headers"/>.</summary>
    public async Task CommitAsync(BlobHttpHeaders headers, CancellationToken token)
    {
        await StageAsync(token);
        await blob.CommitBlockListAsync(_blocks, new CommitBlockListOptions { HttpHeaders = headers }, token);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // Synchronous writers are rare here (the serializers write asynchronously); they stage synchronously too.
        while (!buffer.IsEmpty)
        {
            buffer = Fill(buffer);
            if (_filled == BlockBytes)
            {
                StageAsync(cancellationToken).GetAwaiter().GetResult();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            int taken = buffer.Length - Fill(buffer.Span).Length;
            buffer = buffer[taken..];
            if (_filled == BlockBytes)
            {
                await StageAsync(cancellationToken);
            }
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_buffer is { } rented)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }

    // Copies what fits into the block buffer; returns the rest.
    private ReadOnlySpan<byte> Fill(ReadOnlySpan<byte> buffer)
    {
        byte[] block = _buffer ?? throw new ObjectDisposedException(nameof(BlockStagingStream));
        int take = Math.Min(buffer.Length, BlockBytes - _filled);
        buffer[..take].CopyTo(block.AsSpan(_filled));
        _filled += take;
        BytesWritten += take;
        return buffer[take..];
    }

    private async Task StageAsync(CancellationToken token)
    {
        if (_filled == 0)
        {
            return;
        }

        // Block ids of one blob must all have the same length.
        string id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{_blocks.Count:D8}"));
        using (var content = new MemoryStream(_buffer!, 0, _filled, writable: false))
        {
            await blob.StageBlockAsync(id, content, cancellationToken: token);
        }

        _blocks.Add(id);
        _filled = 0;
    }
}
